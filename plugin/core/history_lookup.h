// History's logic without GIMP or GTK: which cached result a script's `entry` names, and which
// entries the window's search field lets through. The entries themselves come from the result
// cache (result_cache.h), newest first; only their keys and prompts matter here.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace gpt_image {

// What `entry` takes besides a key or a key's prefix: the newest result.
constexpr const char *kLatestEntry = "latest";
// Shorter prefixes would name a different entry as the cache grows; four hex digits is what a
// person reads off the window without effort.
constexpr std::size_t kShortestKeyPrefix = 4;

// The index in `keys` (newest first) of the entry `wanted` names: "latest" (the first), a whole
// key, or a prefix of exactly one key (case and surrounding blanks ignored). Throws
// GenerativeError(InvalidArgument) with a sentence saying what to do: the cache is empty, the
// prefix is too short or not hexadecimal, no key starts with it, or several do (naming two).
std::size_t resolve_history_entry(const std::vector<std::string> &keys, const std::string &wanted);

// Whether `prompt` matches the search field's `query`: every word of the query appears somewhere
// in the prompt, case folded as Unicode (so "BLUME" finds "Blume" and "ÄPFEL" finds "Äpfel").
// A blank query matches everything.
bool prompt_matches_search(const std::string &prompt, const std::string &query);

// "History: <prompt>", the prompt shortened to a readable layer name.
std::string history_layer_name(const std::string &prompt);

}  // namespace gpt_image
