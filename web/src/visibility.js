// Whether a playground can be seen: the tab is visible and (when `near` is asked for) its element
// is within NEAR_MARGIN of the viewport. Reports changes through onChange(seen); the first report
// comes as soon as the browser knows.
export const NEAR_MARGIN = '200px';

export function watchVisibility(el, { near, onChange }) {
  let inView = !near;
  let last;
  const report = () => {
    const seen = inView && document.visibilityState !== 'hidden';
    if (seen !== last) { last = seen; onChange(seen); }
  };
  let observer = null;
  if (near && typeof IntersectionObserver === 'function') {
    observer = new IntersectionObserver((entries) => {
      inView = entries[entries.length - 1].isIntersecting;
      report();
    }, { rootMargin: NEAR_MARGIN });
    observer.observe(el);
  } else {
    // No IntersectionObserver (or nothing to watch): seen whenever the tab is visible.
    inView = true;
    if (near) queueMicrotask(report);
  }
  document.addEventListener('visibilitychange', report);
  return {
    stop() { observer?.disconnect(); document.removeEventListener('visibilitychange', report); },
  };
}
