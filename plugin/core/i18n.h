// Translations: every sentence a person reads goes through _() (or N_() where it must stay a
// constant and is translated where it is shown). The catalogues live in a `locale` folder beside
// the plug-in binary, so one layout works for GIMP 3 and GIMP 2.10 and for user installs.
#pragma once

#include <glib/gi18n-lib.h>  // _(), N_(), C_() for the GETTEXT_PACKAGE domain

#include <string>

namespace gpt_image {

// Points the plug-in's text domain at <folder of the binary>/locale and makes gettext answer in
// UTF-8 whatever the locale's charset. Called once at start-up, before any string is translated.
// Returns the catalogue folder (GIMP 2.10 is told it too, to translate menu labels).
std::string bind_plugin_translations(const char *binary_path);

// printf for translated sentences: translators may need the placeholders in another order
// (use %1$s, %2$s there), which stream concatenation cannot express.
std::string format_text(const char *format, ...) G_GNUC_PRINTF(1, 2);

}  // namespace gpt_image
