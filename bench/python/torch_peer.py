#!/usr/bin/python3
"""PyTorch side of the Backprop Playground benchmark.

Speaks the side protocol of bench/js/side.js (JSON lines: one request per line on stdin, one
reply per line on stdout; see bench/js/README.md) so that bench/js/run.js can drive it next to
the JavaScript peers, interleaving repetitions.

Run with Debian's interpreter and packages, not pyenv's python3 on PATH:
    apt-get install -y python3-torch libopenblas0-pthread
    /usr/bin/python3 bench/python/torch_peer.py
Without libopenblas0-pthread, torch 1.13 from Debian runs its matrix products on the netlib
reference BLAS (much slower). OPENBLAS_CORETYPE is left as the environment has it and reported
in the hello reply.

Model: nn.Linear layers (weight [n_out, n_in] = transpose of the benchmark's column-major
n_out x n_in buffer), tanh/relu/sigmoid hidden activations; quadratic loss
0.5 * mean_batch(sum_i (a - y)^2) or F.cross_entropy on the logits (mean over the batch);
torch.optim.SGD(lr, momentum=0); one thread (torch.set_num_threads(1)); float32.
Also usable on its own: `/usr/bin/python3 torch_peer.py --selftest <manifest.json>`.
"""

import os

# One thread everywhere: torch.set_num_threads(1) below covers ATen/OpenMP, but OpenBLAS-pthread
# keeps its own pool (sized to the cores) unless told before it is loaded.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("OMP_NUM_THREADS", "1")

import ctypes  # noqa: E402
import json  # noqa: E402
import resource  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402

import numpy as np
import torch
import torch.nn.functional as F

torch.set_num_threads(1)
try:
    torch.set_num_interop_threads(1)
except RuntimeError:
    pass
torch.set_grad_enabled(True)

ACT = {
    "tanh": torch.tanh,
    "relu": torch.relu,
    "sigmoid": torch.sigmoid,
    "linear": lambda z: z,
    "softmax": lambda z: torch.softmax(z, dim=1),
}


def blas_info():
    """Which BLAS torch will use: the libblas.so.3 alternative and, for OpenBLAS, its core."""
    info = {}
    for name in ("libblas.so.3", "libopenblas.so.0"):
        try:
            lib = ctypes.CDLL(name)
        except OSError:
            continue
        for fn in ("openblas_get_corename", "openblas_get_config"):
            f = getattr(lib, fn, None)
            if f is not None:
                f.restype = ctypes.c_char_p
                info[fn.replace("openblas_get_", "openblas_")] = f().decode()
        info.setdefault("lib", name)
        if "openblas_corename" in info:
            break
    try:
        info["libblas.so.3"] = os.path.realpath("/usr/lib/x86_64-linux-gnu/libblas.so.3")
    except OSError:
        pass
    return info


def read_dataset(manifest_path):
    with open(manifest_path) as f:
        m = json.load(f)
    data = np.fromfile(os.path.join(os.path.dirname(manifest_path), m["bin"]), dtype="<f4")

    def get(name):
        a = m["arrays"].get(name)
        return None if a is None else data[a["offset"] : a["offset"] + a["length"]].copy()

    return m, get


class TorchNet:
    def setup(self, m, get):
        sizes, acts = m["sizes"], m["activations"]
        L = len(sizes) - 1
        self.L, self.sizes, self.acts, self.cost = L, sizes, acts, m["cost"]
        self.B = m["batchSize"]
        N = m["N"]
        if N % self.B:
            raise ValueError("N must be a multiple of batchSize")
        self.nb = N // self.B
        self.layers = []
        for l in range(1, L + 1):
            nin, nout = sizes[l - 1], sizes[l]
            lin = torch.nn.Linear(nin, nout)
            with torch.no_grad():
                # column-major n_out x n_in == row-major [n_in, n_out]; Linear wants [n_out, n_in]
                w = get("W%d" % l).reshape(nin, nout).T
                lin.weight.copy_(torch.from_numpy(np.ascontiguousarray(w)))
                lin.bias.copy_(torch.from_numpy(get("b%d" % l)))
            self.layers.append(lin)
        self.params = [p for lin in self.layers for p in lin.parameters()]
        self.opt = torch.optim.SGD(self.params, lr=m["lr"], momentum=0.0)
        n0, nL = sizes[0], sizes[L]
        X = torch.from_numpy(get("X").reshape(N, n0))
        Y = torch.from_numpy(get("Y").reshape(N, nL))
        self.Xb = [X[k * self.B : (k + 1) * self.B].contiguous() for k in range(self.nb)]
        if self.cost == "cross-entropy":
            labels = Y.argmax(dim=1)
            self.Yb = [labels[k * self.B : (k + 1) * self.B].contiguous() for k in range(self.nb)]
        else:
            self.Yb = [Y[k * self.B : (k + 1) * self.B].contiguous() for k in range(self.nb)]
        self.cursor = 0

    def logits(self, x):
        a = x
        for l, lin in enumerate(self.layers):
            z = lin(a)
            a = z if l == self.L - 1 else ACT[self.acts[l]](z)
        return a

    def loss_of(self, x, y):
        z = self.logits(x)
        if self.cost == "cross-entropy":
            return F.cross_entropy(z, y)
        a = ACT[self.acts[-1]](z)
        return 0.5 * ((a - y) ** 2).sum(dim=1).mean()

    def train_steps(self, n):
        for _ in range(n):
            k = self.cursor
            self.cursor = (self.cursor + 1) % self.nb
            self.opt.zero_grad(set_to_none=False)
            self.loss_of(self.Xb[k], self.Yb[k]).backward()
            self.opt.step()

    def loss(self, k):
        k %= self.nb
        with torch.no_grad():
            return float(self.loss_of(self.Xb[k], self.Yb[k]))

    def forward(self, points, n):
        with torch.no_grad():
            x = torch.from_numpy(points.reshape(n, self.sizes[0]))
            out = ACT[self.acts[-1]](self.logits(x))
            return out.numpy().reshape(-1)  # [n, nL] row-major == nL x n column-major


def minor_faults():
    return resource.getrusage(resource.RUSAGE_SELF).ru_minflt


def now_ms():
    return time.perf_counter_ns() / 1e6


class Host:
    def __init__(self):
        self.net = None
        self.m = None
        self.get = None

    def points(self, s):
        if s == "grid":
            return self.get("grid"), self.m["gridN"]
        if s == "test":
            return self.get("testX"), self.m["testN"]
        if s == "train":
            return self.get("X"), self.m["N"]
        raise ValueError("unknown point set " + s)

    def hello(self, req):
        return {
            "name": "torch",
            "version": "torch %s, numpy %s, python %s" % (torch.__version__, np.__version__, sys.version.split()[0]),
            "precision": "f32",
            "notes": "1 thread (set_num_threads(1), OPENBLAS_NUM_THREADS=%s), OPENBLAS_CORETYPE=%s, BLAS kernels %s"
            % (
                os.environ.get("OPENBLAS_NUM_THREADS"),
                os.environ.get("OPENBLAS_CORETYPE", "(unset)"),
                blas_info().get("openblas_corename", "(not OpenBLAS)"),
            ),
            "threads": torch.get_num_threads(),
            "blas": blas_info(),
            "OPENBLAS_CORETYPE": os.environ.get("OPENBLAS_CORETYPE"),
            "pid": os.getpid(),
            "runtime": "/usr/bin/python3 " + sys.version.split()[0],
        }

    def setup(self, req):
        t0 = now_ms()
        self.m, self.get = read_dataset(req["manifest"])
        self.net = TorchNet()
        self.net.setup(self.m, self.get)
        return {"ms": now_ms() - t0}

    def train(self, req):
        f0 = minor_faults()
        c0 = time.process_time_ns()
        t0 = now_ms()
        self.net.train_steps(req["steps"])
        ms = now_ms() - t0
        cpu = (time.process_time_ns() - c0) / 1e6
        return {"ms": ms, "cpuMs": cpu, "steps": req["steps"], "minorFaults": minor_faults() - f0}

    def loss(self, req):
        return {"loss": self.net.loss(req.get("batch", 0))}

    def forward(self, req):
        P, n = self.points(req.get("set", "grid"))
        reps = req.get("reps", 1)
        f0 = minor_faults()
        c0 = time.process_time_ns()
        t0 = now_ms()
        for _ in range(reps):
            out = self.net.forward(P, n)
        ms = now_ms() - t0
        res = {"ms": ms, "cpuMs": (time.process_time_ns() - c0) / 1e6, "reps": reps, "minorFaults": minor_faults() - f0}
        if req.get("returnOutput"):
            res["output"] = [float(v) for v in out]
        return res

    def fit(self, req):
        m = self.m
        nL = m["sizes"][-1]
        testX, testN = self.get("testX"), m["testN"]
        ytrue = self.get("testY").reshape(testN, nL).argmax(axis=1)
        epochs, acc = 0, 0.0
        t0 = now_ms()
        while epochs < req["maxEpochs"]:
            self.net.train_steps(self.net.nb)
            epochs += 1
            pred = self.net.forward(testX, testN).reshape(testN, nL).argmax(axis=1)
            acc = float((pred == ytrue).mean())
            if acc >= req["targetAcc"]:
                break
        return {"ms": now_ms() - t0, "epochs": epochs, "acc": acc, "reached": acc >= req["targetAcc"]}

    def mem(self, req):
        return {"maxrss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, "minorFaults": minor_faults()}

    def quit(self, req):
        self.net = None
        return {}


def serve():
    host = Host()
    out = sys.stdout
    for line in sys.stdin:
        if not line.strip():
            continue
        req = {}
        try:
            req = json.loads(line)
            h = getattr(host, req["cmd"], None)
            if h is None or req["cmd"].startswith("_"):
                raise ValueError("unknown command " + str(req["cmd"]))
            res = h(req)
            res.update({"id": req.get("id"), "ok": True})
        except Exception as e:  # report, keep serving
            import traceback

            res = {"id": req.get("id"), "ok": False, "error": "%s: %s" % (type(e).__name__, e), "trace": traceback.format_exc()}
        out.write(json.dumps(res) + "\n")
        out.flush()
        if req.get("cmd") == "quit":
            break


def selftest(manifest):
    host = Host()
    print(json.dumps(host.hello({})))
    host.setup({"manifest": manifest})
    print("loss0", host.loss({"batch": 0}))
    print(host.train({"steps": 10}))
    print("loss10", host.loss({"batch": 0}))


if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[1] == "--selftest":
        selftest(sys.argv[2])
    else:
        serve()
