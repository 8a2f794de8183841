#!/usr/bin/env python3
"""Writes the seed corpora in fuzz/corpus/ (run once; the files are committed). Small real inputs:
options the page and the tests send, a saved model, the first lines of data/*.csv, TFP seeds, and the
bad inputs of tests/test_io.cpp and tests/test_csv.cpp. Crash reproducers found later are added by
hand as crash-<target>-<what> and are kept."""
import json, os, random, struct

here = os.path.dirname(os.path.abspath(__file__))
def put(target, name, data):
    d = os.path.join(here, "corpus", target); os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name), "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode())

# --- options ---
opts = {
  "min": {"layers": [2, 3, 1], "activations": ["relu", "tanh"]},
  "playground": {"layers": [2, 4, 2, 1], "activations": ["tanh", "tanh", "tanh"], "features": ["x1", "x2"],
                 "cost": "quadratic", "init": "playground", "optimizer": "sgd", "learningRate": 0.03,
                 "regularization": "none", "regularizationRate": 0, "batchSize": 10, "seed": 1},
  "full": {"layers": [2, 8, 8, 1], "activations": ["tanh", "tanh", "tanh"], "features": ["x1", "x2"],
           "cost": "quadratic", "init": "playground", "optimizer": "adam", "learningRate": 0.03,
           "momentum": 0.9, "beta1": 0.9, "beta2": 0.999, "rho": 0.9, "epsilon": 1e-8,
           "regularization": "l2", "regularizationRate": 0.001, "dropout": 0.1, "schedule": "exponential",
           "decayRate": 0.96, "decaySteps": 100, "batchSize": 10, "shuffle": True, "seed": 7},
  "features7": {"layers": [7, 4, 1], "activations": ["relu", "sigmoid"],
                "features": ["x1", "x2", "x1^2", "x2^2", "x1x2", "sin(x1)", "sin(x2)"]},
  "softmax": {"layers": [4, 16, 3], "activations": ["relu", "softmax"], "cost": "cross_entropy"},
}
for k, v in opts.items(): put("options", k + ".json", json.dumps(v))
net = '"layers":[2,3,1],"activations":["relu","tanh"]'
for i, bad in enumerate(['{"activations":["relu"]}', '{"layers":[2,0,1],"activations":["relu","tanh"]}',
    '{"layers":[2,3.5,1],"activations":["relu","tanh"]}', '{"layers":[2,"3",1],"activations":["relu","tanh"]}',
    '{' + net + ',"learningrate":0.1}', '{' + net + ',"learningRate":-1}', '{' + net + ',"batchSize":0}',
    '{' + net + ',"optimizer":"adamw"}', '{' + net + ',"features":["x1","x1"]}', '{' + net + ',"seed":-3}',
    '{' + net + ',"seed":4294967296}', '{' + net + ',"learningRate":1e999}', '[' * 100 + ']' * 100, "",
    '{"layers":[4096,4096,4096,4096,4096,1],"activations":["relu","relu","relu","relu","relu"]}']):
    put("options", "bad-%02d.json" % i, bad)

# --- model: layers [2,3,1], 13 parameters ---
random.seed(1)
params = [round(random.uniform(-1, 1), 6) for _ in range(13)]
model = {"format": "backprop-playground-model", "version": 1, "options": opts["min"],
         "layout": "W^l (n^{l+1} x n^l, column-major) then b^l, for l = 1..L-1",
         "parameters": params, "initialParameters": params[::-1], "standardizer": None, "epoch": 3, "step": 60}
put("model", "small.json", json.dumps(model))
m2 = dict(model, standardizer={"mean": [0.5, -1], "stddev": [2, 0.25]})
put("model", "standardized.json", json.dumps(m2))
m3 = dict(model); del m3["initialParameters"]; put("model", "no-initial.json", json.dumps(m3))
put("model", "bad-format.json", json.dumps(dict(model, format="other")))
put("model", "bad-version.json", json.dumps(dict(model, version=2)))
put("model", "bad-length.json", json.dumps(dict(model, parameters=params[:5])))
put("model", "bad-nan.json", json.dumps(model).replace(str(params[0]), '"NaN"', 1))
put("model", "bad-stddev.json", json.dumps(dict(model, standardizer={"mean": [0, 0], "stddev": [0, 1]})))
put("model", "not-json", "not json")

# --- csv: first lines of the shipped sets, the test suite's shapes and bad inputs ---
data = os.path.join(here, "..", "data")
for name in ("iris.csv", "wine_data.csv", "digits.csv"):
    with open(os.path.join(data, name), "rb") as f: put("csv", name, b"".join(f.readlines()[:6]))
for i, text in enumerate(["a,b,label\n1,2,0\n3,4,1\n5,6,1\n", "1,2,0\n3,4,1\n", "x;y\n0.5;1.25\n2;3.5\n",
    "x\ty\tz\n1\t2\t3.5\n4\t5\t6.5\n", "\ufeff# comment\r\n\"a\",\"b\"\r\n 1 , +2 \r\n3,4\r\n", "1,2\n3\n",
    "a,b\n1,x\n", "a,b\n1,1e999\n", "a,b\n1,nan\n", "", "#only\n\n", "a,b\n1,2.5\n", "a,b\n1,1000000000000\n"]):
    put("csv", "case-%02d.csv" % i, text)

# --- tfp: FuzzedDataProvider layout, so seeds are just byte strings of assorted lengths ---
for i, seed in enumerate([b"", b"0", b"1", b"0.123", b"abc", b"\xff\xfe", b"\xe2\x98\x83 snow", bytes(range(64)),
                          b"\x00" * 40, b"\x05\x10seed\x10\x00\x00\x00\x00\x00\x00\x24\x40x1x2sinX"]):
    put("tfp", "seed-%02d" % i, seed)
