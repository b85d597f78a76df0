// The cost line the dialogs and the progress window show before a request is sent: the model and
// pixel budget come from the settings (file and environment), the request size from the image (a
// fill) or from the target rectangle (a generation). When that cannot be told, the line says why.
#pragma once

#include <string>
#include <vector>

#include "cost_estimate.h"
#include "generate_layer.h"
#include "generative_fill.h"
#include "geometry.h"

namespace gpt_image {

// The estimates behind the lines, as numbers (the monthly budget checks the same figures the user
// sees). When the cost cannot be told, low_usd and high_usd are empty and the text says why.
CostEstimate fill_cost(ImageSource &image, const FillOptions &options, const std::string &settings_path);
CostEstimate generate_cost(const GenerateOptions &options, PixelSize target, const std::string &settings_path);
CostEstimate generate_cost(const GenerateOptions &options, const std::vector<PixelSize> &targets,
                           const std::string &settings_path);

// For Generative Fill on `image` (its canvas and selection decide the request size).
std::string fill_cost_line(ImageSource &image, const FillOptions &options, const std::string &settings_path);

// For Generate Layer and Generate Image: `target` is the layer's rectangle or the new canvas.
std::string generate_cost_line(const GenerateOptions &options, PixelSize target, const std::string &settings_path);

// For Generate Image with several canvases: the sum over `targets` (one request each), or, when one
// of them has no known price, what that one's line says. One target: generate_cost_line's line.
std::string generate_cost_line(const GenerateOptions &options, const std::vector<PixelSize> &targets,
                               const std::string &settings_path);

}  // namespace gpt_image
