"""Runs the scripting examples of README.md, as written, in a real GIMP: they must keep working.

An example is the code block after a line `<!-- example: NAME -->`; "photo.png" and
"photo-filled.png" in it are replaced by real paths."""
import os
import re

import numpy as np

from fill_cases import GAIN, OFFSET, Check, ellipse_inside, load, prompt_colour

README = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "README.md")
# GIMP 3.2 runs GIMP 3.0's examples as written: the README gives one set for GIMP 3.
EXAMPLES = {"2.10": [("script-fu-2.10", "scheme")], "3.0": [("script-fu-3.0", "scheme"), ("python-3.0", "python")]}
EXAMPLES["3.2"] = EXAMPLES["3.0"]
ELLIPSE = (300, 200, 200, 150)  # the selection the examples make
PROMPT = "a red apple"          # the prompt the examples send


def readme_example(name):
    text = open(README, encoding="utf-8").read()
    match = re.search(r"<!-- example: " + re.escape(name) + r" -->\s*```\w*\n(.*?)```", text, re.S)
    if not match:
        raise LookupError(f"README.md has no example {name}")
    return match.group(1)


# The generate examples: a new "story" image (1080x1920), cropped, flattened and saved.
GENERATE_EXAMPLES = {"2.10": "generate-2.10", "3.0": "generate-3.0", "3.2": "generate-3.0"}


def run_generate_example(runner, work, environment):
    c = Check()
    name = GENERATE_EXAMPLES[runner.version]
    try:
        folder = os.path.join(work, "readme-" + name)
        os.makedirs(folder)
        output = os.path.join(folder, "generated.png")
        code = readme_example(name).replace("generated.png", runner.inside(output))
        _, log = runner.run(folder, code, environment)
        c.expect(environment["OPENAI_API_KEY"] not in log, "the API key appears in GIMP's output")
        if c.expect(os.path.exists(output), f"the example wrote no image; see {folder}/gimp-output.txt"):
            made = load(output)
            c.equal(made.shape[:2], (1920, 1080), "size of the story image")
            c.expect((made[..., 3] == 255).all(), "the cropped picture does not cover the whole image")
            # The stand-in's generation has a red gradient from top to bottom: the picture must show it.
            c.expect(made[1800, 540, 0] > made[100, 540, 0] + 40, "the image does not show the generated gradient")
    except Exception as error:  # a broken example must be reported, not stop the suite
        c.failures.append(f"{type(error).__name__}: {error}")
    yield "readme_example_" + name, c.failures


def remove_example_check(texture):
    """The apple in the ellipse removed: the pixels outside it unchanged, inside it the stand-in's
    colour for the removal prompt with the hint (remove_cases.py spells it as a literal)."""
    from remove_cases import INSTRUCTION

    def check(c, folder):
        output = os.path.join(folder, "photo-filled.png")
        if c.expect(os.path.exists(output), f"the example wrote no image; see {folder}/gimp-output.txt"):
            before, after = load(texture), load(output)
            shape = before.shape[:2]
            outside = ~ellipse_inside(shape, *ELLIPSE, grow=8)
            c.expect(np.array_equal(before[outside], after[outside]), "pixels outside the selection changed")
            inside = ellipse_inside(shape, *ELLIPSE, grow=-6)
            colour = prompt_colour(INSTRUCTION + " What to remove: the apple.")
            expected = np.clip(np.round((colour - OFFSET) / GAIN), 0, 255)
            error = np.abs(after[..., :3][inside] - expected).max()
            c.expect(error <= 4, f"the selection does not hold the stand-in's colour for the removal prompt "
                                 f"(off by up to {error})")
    return check


def run_python_example(runner, work, name, texture, environment, check):
    """Runs README example `name` (Python, GIMP 3) with photo.png the test picture and photo-filled.png
    and generated.png paths in its own folder; `check(c, folder)` looks at what it wrote."""
    c = Check()
    try:
        folder = os.path.join(work, "readme-" + name)
        os.makedirs(folder)
        code = readme_example(name).replace("photo-filled.png", runner.inside(os.path.join(folder, "photo-filled.png")))
        code = code.replace("generated.png", runner.inside(os.path.join(folder, "generated.png")))
        code = code.replace("photo.png", runner.inside(texture))
        _, log = runner.run(folder, code, environment, language="python")
        c.expect(environment["OPENAI_API_KEY"] not in log, "the API key appears in GIMP's output")
        check(c, folder)
    except Exception as error:  # a broken example must be reported, not stop the suite
        c.failures.append(f"{type(error).__name__}: {error}")
    return "readme_example_" + name, c.failures


def expand_example_check(texture):
    """The 800x600 picture widened to 16:9 (1067x600) at the left: its pixels unchanged clear of the
    blend band (at most 64 px into the picture), the new area the stand-in's flat answer."""
    def check(c, folder):
        output = os.path.join(folder, "photo-filled.png")
        if c.expect(os.path.exists(output), f"the example wrote no image; see {folder}/gimp-output.txt"):
            before, after = load(texture), load(output)
            c.equal(after.shape[:2], (600, 1067), "size of the expanded image")
            if after.shape[:2] == (600, 1067):
                c.expect(np.array_equal(before[:, :800 - 64], after[:, :800 - 64]),
                         "the picture's pixels changed clear of the blend band")
                new = after[:, 820:, :3]
                c.expect(np.ptp(new.reshape(-1, 3), axis=0).max() <= 8,
                         f"the new area is not the stand-in's flat answer (spread {np.ptp(new.reshape(-1, 3), axis=0)})")
    return check


def formats_example_check(c, folder):
    """square-post and story: two images, each saved under its size."""
    for width, height in ((1080, 1080), (1080, 1920)):
        path = os.path.join(folder, f"generated-{width}x{height}.png")
        if c.expect(os.path.exists(path), f"no {width}x{height} image was saved; see {folder}/gimp-output.txt"):
            c.equal(load(path).shape[:2], (height, width), f"size of the {width}x{height} image")


def run_readme_examples(runner, work, texture, environment):
    """Yields (name, failures) for each README example of this GIMP version."""
    for name, language in EXAMPLES[runner.version]:
        c = Check()
        try:
            folder = os.path.join(work, "readme-" + name)
            os.makedirs(folder)
            output = os.path.join(folder, "photo-filled.png")
            code = readme_example(name).replace("photo-filled.png", runner.inside(output))
            code = code.replace("photo.png", runner.inside(texture))
            _, log = runner.run(folder, code, environment, language=language)
            c.expect(environment["OPENAI_API_KEY"] not in log, "the API key appears in GIMP's output")
            if c.expect(os.path.exists(output), f"the example wrote no image; see {folder}/gimp-output.txt"):
                before, after = load(texture), load(output)
                c.equal(after.shape, before.shape, "size of the result")
                shape = before.shape[:2]
                # The defaults grow the mask by 2 px and feather it by 3 px for this selection.
                outside = ~ellipse_inside(shape, *ELLIPSE, grow=8)
                c.expect(np.array_equal(before[outside], after[outside]), "pixels outside the selection changed")
                # Inside: the stand-in's colour, through the colour match that undoes its drift
                # (gain 0.8, offset 20 outside the mask, so the fit is about 1.25 x - 25).
                inside = ellipse_inside(shape, *ELLIPSE, grow=-6)
                expected = np.clip(np.round((prompt_colour(PROMPT) - OFFSET) / GAIN), 0, 255)
                error = np.abs(after[..., :3][inside] - expected).max()
                c.expect(error <= 4, f"the selection does not hold the stand-in's colour, colour-matched "
                                     f"(off by up to {error})")
        except Exception as error:  # a broken example must be reported, not stop the suite
            c.failures.append(f"{type(error).__name__}: {error}")
        yield "readme_example_" + name, c.failures
    yield from run_generate_example(runner, work, environment)
    if runner.version != "2.10":  # Python examples: GIMP 3
        yield run_python_example(runner, work, "python-remove-3.0", texture, environment, remove_example_check(texture))
        yield run_python_example(runner, work, "python-expand-3.0", texture, environment, expand_example_check(texture))
        yield run_python_example(runner, work, "python-formats-3.0", texture, environment, formats_example_check)
