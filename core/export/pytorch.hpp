#pragma once
// PyTorch export: the text of a standalone, readable Python script that rebuilds the trained network
// as torch.nn.Sequential (a small module for the derived features and the standardizer first, then
// nn.Linear layers with the trained weights and the activations), with a NumPy forward beside it.
// Run, it predicts a few training samples and prints them beside the values the page computed for
// them (embedded in the script), with the largest absolute difference:
//   python3 model.py            torch if it can be imported, else NumPy (says so)
//   python3 model.py --numpy    NumPy only (torch is never imported)
//   python3 model.py --check    one JSON line {"backend", "max_abs_diff", "predictions"}; with --numpy too
// Exit status 0 when every prediction is within 1e-5 of the page's, 1 otherwise, 2 for bad
// arguments, 3 when neither torch nor numpy can be imported.
#include <string>

#include "export/export_model.hpp"

namespace bp {

// Refuses (bp::Error "PyTorch export: ...") an unexportable model (ExportModel::check), no samples
// (the script's self-check needs some: set a data set first), samples of the wrong width.
std::string pytorch_script(const ExportModel& model, const ExportSamples& samples);

}  // namespace bp
