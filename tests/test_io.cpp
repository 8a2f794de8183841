// Options and model files: round trips and every kind of bad input.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "io/model_json.hpp"
#include "io/options_json.hpp"
#include "learn_setups.hpp"

using namespace bp;
using nlohmann::json;

TEST_CASE("options JSON: defaults, round trip and every error names its field", "[io][errors]") {
  const ModelOptions o = options_from_json_text(R"({"layers":[2,3,1],"activations":["relu","tanh"]})");
  CHECK(o.train.learning_rate == 0.03);
  CHECK(o.train.batch_size == 10);
  const ModelOptions again = options_from_json(options_to_json(o));
  CHECK(options_to_json(again) == options_to_json(o));

  const auto bad = [](const std::string& text, const std::string& needle) {
    INFO(text);
    CHECK_THROWS_WITH(options_from_json_text(text), Catch::Contains(needle));
  };
  const std::string net = R"("layers":[2,3,1],"activations":["relu","tanh"])";
  bad("{", "not valid JSON");
  bad("[1,2]", "must be a JSON object");
  bad(R"({"activations":["relu"]})", "layers");
  bad(R"({"layers":[2,0,1],"activations":["relu","tanh"]})", "layers[1]");
  bad(R"({"layers":[2,3.5,1],"activations":["relu","tanh"]})", "layers[1]");
  bad(R"({"layers":[2,"3",1],"activations":["relu","tanh"]})", "whole number");
  bad(R"({"layers":[2,3,1],"activations":["rleu","tanh"]})",
      "activations[0]: unknown value 'rleu'; accepted: linear, sigmoid, tanh, relu, leaky_relu, softmax");
  bad(R"({"layers":[2,3,1],"activations":["relu"]})", "needs 2 entries");
  bad("{" + net + R"(,"learningrate":0.1})", "unknown field 'learningrate'");
  bad("{" + net + R"(,"learningRate":-1})", "learningRate");
  bad("{" + net + R"(,"learningRate":"fast"})", "learningRate: must be a number");
  bad("{" + net + R"(,"batchSize":0})", "batchSize");
  bad("{" + net + R"(,"dropout":1.5})", "dropout");
  bad("{" + net + R"(,"optimizer":"adamw"})", "accepted: sgd, momentum, nesterov, rmsprop, adam");
  bad("{" + net + R"(,"cost":"cross_entropy"})", "needs outputs in (0, 1)");
  bad("{" + net + R"(,"features":["x1","x3"]})", "features[1]: unknown value 'x3'");
  bad("{" + net + R"(,"features":["x1","x1"]})", "listed twice");
  bad("{" + net + R"(,"features":["x1"]})", "layers[0]");
  bad("{" + net + R"(,"seed":-3})", "seed");
  bad("{" + net + R"(,"shuffle":1})", "shuffle: must be true or false");
  bad(std::string(100, '[') + std::string(100, ']'), "deeper than 64");
}

TEST_CASE("model save/load round-trips bit-exact, mid-training", "[io]") {
  ModelOptions o = test::playground_options({Activation::tanh, Activation::tanh, Activation::tanh},
                                            Optimizer::adam, 0.01, Init::glorot);
  o.features = {Feature::x1, Feature::x2};
  Trainer<float> t(o);
  const Split s = test::playground_split(Generator::spiral, 0.1);
  t.set_data(s.train, s.test, true);
  t.train_steps(123);
  const std::string text = model_to_json(t);
  Trainer<float> loaded = model_from_json<float>(text);
  CHECK(loaded.network().parameters() == t.network().parameters());
  CHECK(loaded.initial_parameters() == t.initial_parameters());
  CHECK(options_to_json(loaded.options()) == options_to_json(t.options()));
  REQUIRE(loaded.standardizer().has_value());
  CHECK(loaded.standardizer()->mean == t.standardizer()->mean);
  CHECK(loaded.standardizer()->stddev == t.standardizer()->stddev);
  CHECK(model_to_json(loaded).size() > 0);
  // Same predictions on raw inputs (the standardizer travels with the model).
  Rng rng(1);
  const Matrix<float> pts = test::random_matrix<float>(2, 9, rng, -6, 6);
  CHECK(loaded.predict(pts) == t.predict(pts));
  // Double too.
  Trainer<double> td(o);
  Trainer<double> tdl = model_from_json<double>(model_to_json(td));
  CHECK(tdl.network().parameters() == td.network().parameters());
}

TEST_CASE("malformed model files get errors that name the problem", "[io][errors]") {
  Trainer<float> t(test::playground_options({Activation::tanh, Activation::tanh, Activation::tanh},
                                            Optimizer::sgd, 0.03, Init::playground));
  const json good = json::parse(model_to_json(t));
  const auto bad = [](json j, const std::string& needle) {
    INFO(j.dump().substr(0, 200));
    CHECK_THROWS_WITH(model_from_json<float>(j.dump()), Catch::Contains(needle));
  };
  CHECK_THROWS_WITH(model_from_json<float>("not json"), Catch::Contains("model: not valid JSON"));
  CHECK_THROWS_WITH(model_from_json<float>(""), Catch::Contains("not valid JSON"));
  json j = good; j["format"] = "keras";                         bad(j, "not a Backprop Playground");
  j = good; j["version"] = 99;                                   bad(j, "version: 99 is not supported");
  j = good; j.erase("parameters");                               bad(j, "parameters: is missing");
  j = good; j["parameters"].erase(0);                            bad(j, "but the architecture needs");
  j = good; j["parameters"][3] = "x";                            bad(j, "parameters[3]");
  j = good; j["initialParameters"][0] = nullptr;                 bad(j, "initialParameters[0]");
  j = good; j["options"]["layers"][1] = 0;                       bad(j, "layers[1]");
  j = good; j["options"]["activations"][2] = "softplus";         bad(j, "activations[2]");
  j = good; j["standardizer"] = json{{"mean", {0, 0}}};          bad(j, "standardizer");
}
