#include "export/pytorch.hpp"

#include <cmath>
#include <cstdio>

#include "error.hpp"

namespace bp {
namespace {

// float32 values with 9 significant digits: they read back as the same float32.
std::string f32(double v) {
  char text[40];
  std::snprintf(text, sizeof text, "%.9g", static_cast<double>(static_cast<float>(v)));
  return text;
}
std::string f64(double v) {
  char text[40];
  std::snprintf(text, sizeof text, "%.17g", v);
  return text;
}

std::string list(const std::vector<double>& values, std::string (*fmt)(double)) {
  std::string out = "[";
  for (std::size_t i = 0; i < values.size(); ++i) out += (i ? ", " : "") + fmt(values[i]);
  return out + "]";
}

std::string rows(const std::vector<std::vector<double>>& values, std::string (*fmt)(double),
                 const std::string& indent) {
  std::string out = "[\n";
  for (const auto& row : values) out += indent + "    " + list(row, fmt) + ",\n";
  return out + indent + "]";
}

// Python expression of a derived feature column, x1 and x2 being [batch, 1] arrays/tensors.
std::string feature_expression(Feature f, const char* lib) {
  switch (f) {
    case Feature::x1: return "x1";
    case Feature::x2: return "x2";
    case Feature::x1_squared: return "x1 * x1";
    case Feature::x2_squared: return "x2 * x2";
    case Feature::x1_times_x2: return "x1 * x2";
    case Feature::sin_x1: return std::string(lib) + ".sin(x1)";
    case Feature::sin_x2: return std::string(lib) + ".sin(x2)";
  }
  return "?";
}

std::string torch_activation(Activation a) {
  switch (a) {
    case Activation::linear: return "";
    case Activation::sigmoid: return "nn.Sigmoid()";
    case Activation::tanh: return "nn.Tanh()";
    case Activation::relu: return "nn.ReLU()";
    case Activation::leaky_relu: return "nn.LeakyReLU(negative_slope=" + f64(kLeakyReluSlope) + ")";
    case Activation::softmax: return "nn.Softmax(dim=1)";
  }
  return "";
}

}  // namespace

std::string pytorch_script(const ExportModel& model, const ExportSamples& samples) {
  model.check("PyTorch");
  BP_REQUIRE(!samples.inputs.empty(), "PyTorch export",
             "there are no training samples to check the script against; set a data set (and train) "
             "first, then export");
  const auto n_in = static_cast<std::size_t>(model.raw_inputs());
  const auto n_out = static_cast<std::size_t>(model.outputs());
  for (std::size_t r = 0; r < samples.inputs.size(); ++r) {
    BP_REQUIRE(samples.inputs[r].size() == n_in, "PyTorch export",
               "sample " + std::to_string(r) + " has " + std::to_string(samples.inputs[r].size()) +
                   " inputs but the network takes " + std::to_string(n_in));
    BP_REQUIRE(r < samples.outputs.size() && samples.outputs[r].size() == n_out, "PyTorch export",
               "the page's prediction for sample " + std::to_string(r) + " does not have " +
                   std::to_string(n_out) + " outputs");
  }

  const NetworkSpec& spec = model.spec;
  const ParameterLayout layout = ParameterLayout::of(spec);
  std::string arch = std::to_string(spec.sizes[0]);
  for (std::size_t k = 1; k < spec.sizes.size(); ++k)
    arch += " -> " + std::to_string(spec.sizes[k]) + " (" +
            std::string(enum_name(kActivationNames, spec.activations[k - 1])) + ")";
  std::string feature_names;
  for (const Feature f : model.features)
    feature_names += (feature_names.empty() ? "" : ", ") + std::string(enum_name(kFeatureNames, f));

  std::string s;
  s += "#!/usr/bin/env python3\n";
  s += "\"\"\"A network trained in Backprop Playground, exported as a standalone script.\n\n";
  s += "Network: " + arch + "\n";
  s += "Inputs: " + std::to_string(n_in) + " raw values per sample" +
       (model.features.empty() ? "" : " (x1, x2), from which the features " + feature_names + " are derived") +
       (model.standardizer ? "; then standardized with the training set's mean and deviation" : "") + ".\n";
  s += "Outputs: " + std::to_string(n_out) + " per sample, what the playground's predict returns.\n\n";
  s += "    python3 this_file.py           # PyTorch (or NumPy without it): predictions beside the page's\n";
  s += "    python3 this_file.py --numpy   # NumPy only\n";
  s += "    python3 this_file.py --check   # one JSON line: backend, max_abs_diff, predictions\n\n";
  s += "From your own code (float32 throughout, a row per sample):\n";
  s += "    model = build_torch_model()              # torch.nn.Sequential; model(torch.tensor(x))\n";
  s += "    y = numpy_forward(x)                     # the same in NumPy\n";
  s += "\"\"\"\n";
  s += "import json\nimport sys\n\n";

  // Data.
  s += "# Standardizer: h = (features - MEAN) / STDDEV, per network input (None: not standardized).\n";
  if (model.standardizer) {
    const auto& st = *model.standardizer;
    std::vector<double> mean(st.mean.data(), st.mean.data() + st.mean.size());
    std::vector<double> sd(st.stddev.data(), st.stddev.data() + st.stddev.size());
    s += "MEAN = " + list(mean, f32) + "\nSTDDEV = " + list(sd, f32) + "\n\n";
  } else {
    s += "MEAN = None\nSTDDEV = None\n\n";
  }
  s += "# Layers: z = h W^T + b, then the activation. W is (outputs x inputs), as in torch.nn.Linear.\n";
  s += "LAYERS = [\n";
  for (int k = 0; k < spec.num_weight_layers(); ++k) {
    const auto uk = static_cast<std::size_t>(k);
    const auto rows_k = static_cast<std::size_t>(spec.sizes[uk + 1]), cols_k = static_cast<std::size_t>(spec.sizes[uk]);
    std::vector<std::vector<double>> W(rows_k, std::vector<double>(cols_k));
    std::vector<double> b(rows_k);
    for (std::size_t i = 0; i < rows_k; ++i) {
      for (std::size_t j = 0; j < cols_k; ++j)
        W[i][j] = model.parameters[static_cast<std::size_t>(layout.W_offset[uk]) + j * rows_k + i];
      b[i] = model.parameters[static_cast<std::size_t>(layout.b_offset[uk]) + i];
    }
    s += "    {  # layer " + std::to_string(k + 1) + ": " + std::to_string(cols_k) + " -> " + std::to_string(rows_k) + "\n";
    s += "        \"activation\": \"" + std::string(enum_name(kActivationNames, spec.activations[uk])) + "\",\n";
    s += "        \"W\": " + rows(W, f32, "        ") + ",\n";
    s += "        \"b\": " + list(b, f32) + ",\n";
    s += "    },\n";
  }
  s += "]\n\n";
  s += "# A few training samples (raw inputs) and what the playground predicted for them.\n";
  s += "SAMPLE_INPUTS = " + rows(samples.inputs, f64, "") + "\n";
  s += "PAGE_OUTPUTS = " + rows(samples.outputs, f32, "") + "\n";
  s += "TOLERANCE = 1e-5\n\n\n";

  // Features, NumPy.
  std::string np_features, torch_features;
  for (const Feature f : model.features) {
    np_features += (np_features.empty() ? "" : ", ") + feature_expression(f, "np");
    torch_features += (torch_features.empty() ? "" : ", ") + feature_expression(f, "torch");
  }
  s += "def numpy_forward(x):\n";
  s += "    \"\"\"Raw inputs (batch x " + std::to_string(n_in) + ") -> outputs (batch x " + std::to_string(n_out) + "), in float32.\"\"\"\n";
  s += "    import numpy as np\n\n";
  s += "    h = np.asarray(x, dtype=np.float32).reshape(-1, " + std::to_string(n_in) + ")\n";
  if (!model.features.empty()) {
    s += "    x1, x2 = h[:, 0:1], h[:, 1:2]\n";
    s += "    h = np.concatenate([" + np_features + "], axis=1)  # " + feature_names + "\n";
  }
  s += "    if MEAN is not None:\n";
  s += "        h = (h - np.asarray(MEAN, dtype=np.float32)) / np.asarray(STDDEV, dtype=np.float32)\n";
  s += "    for layer in LAYERS:\n";
  s += "        z = h @ np.asarray(layer[\"W\"], dtype=np.float32).T + np.asarray(layer[\"b\"], dtype=np.float32)\n";
  s += "        sigma = layer[\"activation\"]\n";
  s += "        if sigma == \"linear\":\n            h = z\n";
  s += "        elif sigma == \"sigmoid\":\n            with np.errstate(over=\"ignore\"):\n"
       "                h = np.float32(1) / (np.float32(1) + np.exp(-z))\n";
  s += "        elif sigma == \"tanh\":\n            h = np.tanh(z)\n";
  s += "        elif sigma == \"relu\":\n            h = np.maximum(z, np.float32(0))\n";
  s += "        elif sigma == \"leaky_relu\":\n            h = np.where(z > 0, z, np.float32(" + f64(kLeakyReluSlope) + ") * z)\n";
  s += "        elif sigma == \"softmax\":\n            e = np.exp(z - z.max(axis=1, keepdims=True))\n"
       "            h = e / e.sum(axis=1, keepdims=True)\n";
  s += "        else:\n            raise ValueError(\"unknown activation \" + sigma)\n";
  s += "    return h.astype(np.float32)\n\n\n";

  // Torch.
  s += "def build_torch_model():\n";
  s += "    \"\"\"torch.nn.Sequential: PlaygroundInputs (features + standardizer), then Linear layers and\n";
  s += "    activations with the trained weights. Takes raw inputs (batch x " + std::to_string(n_in) + "), float32.\"\"\"\n";
  s += "    import torch\n    from torch import nn\n\n";
  s += "    class PlaygroundInputs(nn.Module):\n";
  s += "        \"\"\"Derived features (" + (model.features.empty() ? std::string("none: the raw inputs") : feature_names) +
       ") and the standardizer.\"\"\"\n\n";
  s += "        def __init__(self):\n            super().__init__()\n";
  s += "            self.standardize = MEAN is not None\n";
  s += "            if self.standardize:\n";
  s += "                self.register_buffer(\"mean\", torch.tensor(MEAN, dtype=torch.float32))\n";
  s += "                self.register_buffer(\"stddev\", torch.tensor(STDDEV, dtype=torch.float32))\n\n";
  s += "        def forward(self, x):\n";
  s += "            h = x\n";
  if (!model.features.empty()) {
    s += "            x1, x2 = x[:, 0:1], x[:, 1:2]\n";
    s += "            h = torch.cat([" + torch_features + "], dim=1)\n";
  }
  s += "            if self.standardize:\n                h = (h - self.mean) / self.stddev\n";
  s += "            return h\n\n";
  s += "    def linear(layer):\n";
  s += "        W = torch.tensor(layer[\"W\"], dtype=torch.float32)\n";
  s += "        module = nn.Linear(W.shape[1], W.shape[0])\n";
  s += "        with torch.no_grad():\n";
  s += "            module.weight.copy_(W)\n";
  s += "            module.bias.copy_(torch.tensor(layer[\"b\"], dtype=torch.float32))\n";
  s += "        return module\n\n";
  s += "    return nn.Sequential(\n        PlaygroundInputs(),\n";
  for (int k = 0; k < spec.num_weight_layers(); ++k) {
    s += "        linear(LAYERS[" + std::to_string(k) + "]),\n";
    const std::string act = torch_activation(spec.activations[static_cast<std::size_t>(k)]);
    if (!act.empty()) s += "        " + act + ",\n";
  }
  s += "    )\n\n\n";

  // Main.
  s += "def main(argv):\n";
  s += "    unknown = [a for a in argv if a not in (\"--numpy\", \"--check\")]\n";
  s += "    if unknown:\n";
  s += "        print(\"unknown argument \" + unknown[0] + \"; accepted: --numpy, --check\", file=sys.stderr)\n";
  s += "        return 2\n";
  s += "    backend = \"numpy\" if \"--numpy\" in argv else \"torch\"\n";
  s += "    if backend == \"torch\":\n";
  s += "        try:\n            import torch\n";
  s += "        except ImportError:\n";
  s += "            print(\"torch is not installed (pip install torch, or apt install python3-torch); \"\n"
       "                  \"using the NumPy forward\", file=sys.stderr)\n";
  s += "            backend = \"numpy\"\n";
  s += "    if backend == \"torch\":\n";
  s += "        model = build_torch_model().eval()\n";
  s += "        with torch.no_grad():\n";
  s += "            predictions = model(torch.tensor(SAMPLE_INPUTS, dtype=torch.float32)).tolist()\n";
  s += "    else:\n";
  s += "        try:\n            import numpy  # noqa: F401\n";
  s += "        except ImportError:\n";
  s += "            print(\"numpy is not installed (pip install numpy, or apt install python3-numpy)\", file=sys.stderr)\n";
  s += "            return 3\n";
  s += "        predictions = numpy_forward(SAMPLE_INPUTS).tolist()\n";
  s += "    diff = max(abs(p - q) for row, page in zip(predictions, PAGE_OUTPUTS) for p, q in zip(row, page))\n";
  s += "    if \"--check\" in argv:\n";
  s += "        print(json.dumps({\"backend\": backend, \"max_abs_diff\": diff, \"predictions\": predictions}))\n";
  s += "    else:\n";
  s += "        print(\"sample  input  ->  \" + backend + \" | page\")\n";
  s += "        for i, (x, row, page) in enumerate(zip(SAMPLE_INPUTS, predictions, PAGE_OUTPUTS)):\n";
  s += "            print(\"%4d  %s  ->  %s | %s\" % (i, \", \".join(\"%.6g\" % v for v in x),\n"
       "                                           \", \".join(\"%.7f\" % v for v in row), \", \".join(\"%.7f\" % v for v in page)))\n";
  s += "        print(\"max abs difference: %.3g (%s)\" % (diff, \"ok\" if diff <= TOLERANCE else \"MORE THAN %g\" % TOLERANCE))\n";
  s += "    return 0 if diff <= TOLERANCE else 1\n\n\n";
  s += "if __name__ == \"__main__\":\n    sys.exit(main(sys.argv[1:]))\n";
  return s;
}

}  // namespace bp
