// The four procedures as data: for each, its name, menu entry, texts and every argument's name,
// kind, label, blurb, default and range or choices, in the order scripts pass them. Both GIMP
// versions register and read their procedures from these tables (GIMP 3 as typed arguments,
// GIMP 2.10 as param defs), so an appended argument is one row here plus its use in the core.
// The words themselves (names, blurbs) are spelled once in procedure_spec.h.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "generate_layer.h"
#include "generative_fill.h"
#include "last_values.h"

namespace gpt_image::procedures {

enum class Kind {
  Text,     // GIMP 3 string; GIMP 2.10 STRING
  Choice,   // GIMP 3 choice (GIMP checks the value); GIMP 2.10 STRING (the core checks it)
  Quality,  // a Choice whose values are the model catalogue's qualities (model_features.h)
  Int,      // GIMP 3 int with a range; GIMP 2.10 INT32
  Toggle,   // GIMP 3 boolean; GIMP 2.10 INT32, 0 or 1
  Layers,   // GIMP 3 drawable array; GIMP 2.10 an INT32 count, then an INT32ARRAY of drawable ids
};

struct ChoiceItem {
  const char *value;  // what scripts pass
  const char *label;  // what people read; N_() where it is a word, as is ("PNG") where it is a name
};

struct Argument {
  const char *name = nullptr;   // the PDB name: scripts use it, so never renamed
  Kind kind = Kind::Text;
  const char *label = nullptr;  // N_(): GIMP 3's label, with its mnemonic ("_Quality")
  const char *blurb = nullptr;  // N_(): the PDB description and the tooltip
  const char *form_label = nullptr;  // N_(): GIMP 2.10's dialog row ("_Quality:"); a Toggle: its check box
  std::string text_default;  // Text, Choice, Quality
  int int_default = 0;       // Int, Toggle (0 or 1)
  int min = 0, max = 0;      // Int: the range; Layers: the most layers
  std::vector<ChoiceItem> choices;  // Choice
  const char *count_name = nullptr, *count_blurb = nullptr;  // Layers: GIMP 2.10's count before the ids
};

enum class Target { Image, Plain };  // Image: after run-mode come the image and drawable(s); Plain: run-mode only
enum class Returns { Nothing, Layer, Image, Figures };  // Figures: Procedure::figures, in that order

// One number a procedure returns (Returns::Figures): GIMP 3 an int or a double, GIMP 2.10 INT32 or FLOAT.
struct Figure {
  const char *name;   // the PDB name
  const char *label;  // N_()
  const char *blurb;  // N_()
  bool whole;         // a count (int), not an amount (double)
};

struct Procedure {
  const char *name, *menu_path, *menu_label, *blurb, *help;  // menu label, blurb and help: N_()
  const char *image_types;  // Image procedures only
  Target target;
  Returns returns;
  const char *result_name, *result_label, *result_blurb;  // label and blurb: N_()
  std::vector<Argument> arguments;  // after run-mode (and image, drawable(s)); only ever appended
  std::vector<Figure> figures = {};  // Returns::Figures: what is returned after the status, in order

  // The row named `name`, or nullptr.
  const Argument *find(std::string_view name) const;
};

const Procedure &edit();
const Procedure &generate();
const Procedure &new_image();
const Procedure &settings();
const Procedure &removal();  // Remove
const Procedure &expand();   // Generative Expand
const Procedure &usage();    // the usage ledger's totals (no menu entry, no dialog)
const Procedure &history();  // History (flow_history.cc)
// In registration order: edit, generate, new image, settings, remove, expand, usage, history.
const std::vector<const Procedure *> &all();
// The procedure named `name`, or nullptr.
const Procedure *named(std::string_view name);
// Whether a run with the last values repeats the procedure's last arguments. Not Settings: it
// has no arguments to repeat, only the saved settings. Nor Usage, which has none.
bool remembers_last_values(const Procedure &procedure);

// How a procedure's prompt dialog is laid out, in both GIMP versions: the prompt, then `main`, then
// `advanced` folded away, the reference chooser and the cost line. Settings has a dialog of its own.
struct DialogLayout {
  const char *title = nullptr;              // N_()
  std::vector<const char *> main, advanced;  // argument names, in display order (not the PDB order)
  const char *blank_prompt_hint = nullptr;  // N_(): shown when OK is pressed without a prompt
  bool canvas_presets = false;              // a preset list that fills the `canvas` argument
  // Remove's first row: this one-line, optional text argument instead of the multi-line prompt
  // that must not be blank (with its recent prompts and styles).
  const char *hint_argument = nullptr;
  bool reference_chooser = true;            // the chooser of reference layers, under the choices
  bool blank_prompt_allowed = false;        // OK with a blank prompt (Generative Expand continues the picture)
  bool canvas_list = false;  // the presets as check boxes: `canvas` takes several, comma-separated
};
const DialogLayout &dialog_layout(const Procedure &procedure);  // all but settings

// One run's arguments, by name, starting from the table's defaults. Asking for a name the procedure
// does not have, or as the wrong kind, is a programming error (std::logic_error).
class ArgumentValues {
 public:
  explicit ArgumentValues(const Procedure &procedure);
  const Procedure &procedure() const { return *procedure_; }

  const std::string &text(std::string_view name) const;  // Text, Choice, Quality
  int number(std::string_view name) const;               // Int
  bool toggle(std::string_view name) const;              // Toggle
  const std::vector<int> &layers(std::string_view name) const;  // Layers: drawable ids

  void set_text(std::string_view name, std::string value);
  void set_number(std::string_view name, int value);
  void set_toggle(std::string_view name, bool value);
  void set_layers(std::string_view name, std::vector<int> ids);

  // Every value bound to a LastValue under its argument's name, with the row's range (an Int's,
  // a Layers row's most ids): GIMP 2.10 keeps a procedure's last values by name (last_values.h).
  // The bindings point into this object.
  std::vector<LastValue> as_last_values();

 private:
  using Value = std::variant<std::string, int, bool, std::vector<int>>;
  const Value &at(std::string_view name, Kind wanted) const;
  Value &at(std::string_view name, Kind wanted);

  const Procedure *procedure_;
  std::map<std::string, Value, std::less<>> values_;
};

// The options a run's arguments describe; every argument of the procedure that the options hold.
FillOptions fill_options(const ArgumentValues &edit_arguments);
// Remove's: the fill's options, the prompt made from the hint (removal.h).
FillOptions remove_options(const ArgumentValues &remove_arguments);
GenerateOptions generate_options(const ArgumentValues &generate_arguments);  // Generate Layer or Image

}  // namespace gpt_image::procedures
