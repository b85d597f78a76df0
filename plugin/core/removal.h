// Remove: Generative Fill without a prompt. The request's prompt is written here, from the user's
// optional hint, so every GIMP version and every script asks the model the same thing.
#pragma once

#include <string>

namespace gpt_image {

// A hint is a few words ("the bench and its shadow"); this bound keeps the request's prompt well
// inside every model's prompt limit.
constexpr long kMaxHintCharacters = 300;

// The prompt that asks the model to remove what is in the masked area and to continue the
// surroundings; a non-blank `hint` says what is to be removed. Throws GenerativeError
// (InvalidArgument) for a hint that is not UTF-8 or longer than kMaxHintCharacters.
std::string removal_prompt(const std::string &hint);

// The inserted layer's name: "Remove: " and the start of the hint, or of "selection" without one.
std::string removal_layer_name(const std::string &hint);

}  // namespace gpt_image
