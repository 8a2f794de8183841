#include "io/dataset_json.hpp"

#include <nlohmann/json.hpp>

#include "data/from_arrays.hpp"

namespace bp {

std::string dataset_info_json(const Dataset& d) {
  return nlohmann::json{{"numSamples", d.num_samples()},
                        {"numFeatures", d.num_features()},
                        {"numClasses", d.num_classes()},
                        {"task", std::string(enum_name(kTaskNames, d.task))},
                        {"featureNames", d.feature_names},
                        {"classNames", d.class_names}}
      .dump();
}

}  // namespace bp
