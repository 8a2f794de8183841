#pragma once
// A data set's description as JSON text, for the JS side:
// {"numSamples", "numFeatures", "numClasses", "task", "featureNames", "classNames"}.
#include <string>

#include "data/dataset.hpp"

namespace bp {

std::string dataset_info_json(const Dataset& data);

}  // namespace bp
