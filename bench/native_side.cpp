// The native build as a side of the peer benchmark (bench/js/run.js): speaks the JSON-lines side
// protocol of bench/js/README.md on stdin/stdout and trains with the core's Network and SGD, the
// same code the WASM module runs. Used as BP_BENCH_NATIVE="build/native-release/bench/bp_bench_side".
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "nn/network.hpp"
#include "train/optimizer.hpp"

using namespace bp;
using nlohmann::json;

namespace {

double now_ms() {
  return std::chrono::duration<double, std::milli>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}
double cpu_ms() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}
long minor_faults() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_minflt;
}

struct Side {
  json manifest;
  std::vector<float> bin;
  std::unique_ptr<Network<float>> net;
  std::unique_ptr<OptimizerState<float>> sgd;
  Cost cost = Cost::quadratic;
  double lr = 0.0;
  Index B = 0, N = 0, nb = 0, cursor = 0;

  ConstMatrixMap<float> array(const std::string& name, Index rows) const {
    const json& a = manifest["arrays"].at(name);
    const Index length = a["length"].get<Index>();
    return ConstMatrixMap<float>(bin.data() + a["offset"].get<Index>(), rows, length / rows);
  }

  json setup(const json& req) {
    const double t0 = now_ms();
    const std::string path = req["manifest"];
    manifest = json::parse(std::ifstream(path));
    const std::string dir = path.substr(0, path.find_last_of('/') + 1);
    std::ifstream in(dir + manifest["bin"].get<std::string>(), std::ios::binary | std::ios::ate);
    bin.resize(static_cast<std::size_t>(in.tellg()) / sizeof(float));
    in.seekg(0);
    in.read(reinterpret_cast<char*>(bin.data()), static_cast<std::streamsize>(bin.size() * 4));
    NetworkSpec spec;
    spec.sizes = manifest["sizes"].get<std::vector<int>>();
    for (const auto& a : manifest["activations"])
      spec.activations.push_back(enum_from_name(kActivationNames, a.get<std::string>(), "activation"));
    net = std::make_unique<Network<float>>(spec);
    for (int k = 0; k < net->num_weight_layers(); ++k) {
      net->W(k) = array("W" + std::to_string(k + 1), spec.sizes[k + 1]);
      net->b(k) = array("b" + std::to_string(k + 1), spec.sizes[k + 1]);
    }
    cost = manifest["cost"] == "cross-entropy" ? Cost::cross_entropy : Cost::quadratic;
    lr = manifest["lr"];
    B = manifest["batchSize"];
    N = manifest["N"];
    nb = N / B;
    cursor = 0;
    TrainOptions o;
    o.optimizer = Optimizer::sgd;
    sgd = std::make_unique<OptimizerState<float>>(o, net->layout().size);
    net->reserve(std::max<Index>(B, 1024));
    return {{"ms", now_ms() - t0}};
  }

  void step() {
    const int n0 = net->input_size(), nL = net->output_size();
    const Index s0 = (cursor % nb) * B;
    net->input(B) = array("X", n0).middleCols(s0, B);
    net->forward_input(B);
    net->backward(array("Y", nL).middleCols(s0, B), cost);
    sgd->step(net->parameters(), net->gradients(), lr);
    ++cursor;
  }

  json train(const json& req) {
    const long steps = req["steps"];
    const long f0 = minor_faults();
    const double c0 = cpu_ms(), t0 = now_ms();
    for (long i = 0; i < steps; ++i) step();
    return {{"ms", now_ms() - t0}, {"cpuMs", cpu_ms() - c0}, {"steps", steps},
            {"minorFaults", minor_faults() - f0}};
  }

  json loss(const json& req) {
    const Index k = req.value("batch", 0) % nb;
    const auto out = net->forward(array("X", net->input_size()).middleCols(k * B, B));
    return {{"loss", cost_value<float>(cost, out, array("Y", net->output_size()).middleCols(k * B, B))}};
  }

  json forward(const json& req) {
    const std::string set = req.value("set", "grid");
    const std::string name = set == "grid" ? "grid" : set == "test" ? "testX" : "X";
    const auto points = array(name, net->input_size());
    const int reps = req.value("reps", 1);
    const long f0 = minor_faults();
    const double c0 = cpu_ms(), t0 = now_ms();
    Matrix<float> out(net->output_size(), points.cols());
    for (int r = 0; r < reps; ++r)
      for (Index s = 0; s < points.cols(); s += net->capacity()) {
        const Index m = std::min(net->capacity(), points.cols() - s);
        net->input(m) = points.middleCols(s, m);
        out.middleCols(s, m) = net->forward_input(m);
      }
    json res{{"ms", now_ms() - t0}, {"cpuMs", cpu_ms() - c0}, {"reps", reps},
             {"minorFaults", minor_faults() - f0}};
    if (req.value("returnOutput", false))
      res["output"] = std::vector<float>(out.data(), out.data() + out.size());
    return res;
  }

  json fit(const json& req) {
    const double target = req["targetAcc"];
    const int max_epochs = req["maxEpochs"];
    const int n0 = net->input_size(), nL = net->output_size();
    const auto testX = array("testX", n0);
    const auto testY = array("testY", nL);
    int epochs = 0;
    double acc = 0.0;
    const double t0 = now_ms();
    while (epochs < max_epochs) {
      for (Index i = 0; i < nb; ++i) step();
      ++epochs;
      Index right = 0;
      for (Index s = 0; s < testX.cols(); s += net->capacity()) {
        const Index m = std::min(net->capacity(), testX.cols() - s);
        net->input(m) = testX.middleCols(s, m);
        const auto out = net->forward_input(m);
        for (Index c = 0; c < m; ++c) {
          Index p = 0, t = 0;
          out.col(c).maxCoeff(&p);
          testY.col(s + c).maxCoeff(&t);
          right += p == t;
        }
      }
      acc = static_cast<double>(right) / static_cast<double>(testX.cols());
      if (acc >= target) break;
    }
    return {{"ms", now_ms() - t0}, {"epochs", epochs}, {"acc", acc}, {"reached", acc >= target}};
  }
};

}  // namespace

int main() {
  Side side;
  std::string line;
  while (std::getline(std::cin, line)) {
    if (line.empty()) continue;
    json req, res;
    try {
      req = json::parse(line);
      const std::string cmd = req["cmd"];
      if (cmd == "hello")
        res = {{"name", "ours-native"},
               {"version", "bench/native_side.cpp (this checkout)"},
               {"precision", "f32"},
               {"notes", std::string("Eigen ") + Eigen::SimdInstructionSetsInUse() + ", 1 thread"}};
      else if (cmd == "setup") res = side.setup(req);
      else if (cmd == "train") res = side.train(req);
      else if (cmd == "loss") res = side.loss(req);
      else if (cmd == "forward") res = side.forward(req);
      else if (cmd == "fit") res = side.fit(req);
      else if (cmd == "quit") res = json::object();
      else throw std::runtime_error("unknown command " + cmd);
      res["ok"] = true;
    } catch (const std::exception& e) {
      res = {{"ok", false}, {"error", e.what()}};
    }
    res["id"] = req.contains("id") ? req["id"] : json(nullptr);
    std::cout << res.dump() << "\n" << std::flush;
    if (req.value("cmd", "") == "quit") break;
  }
}
