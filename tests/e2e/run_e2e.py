#!/usr/bin/python3
"""End-to-end tests of Generative Fill in real, headless GIMPs against the stand-in API.

  run_e2e.py --gimp 2.10 --plugin build/gimp2/plugin/hosts/gimp-gpt-image
  run_e2e.py --gimp 3.0 --plugin "$(tools/build-gimp3.sh)" --root "$(tools/gimp3-chroot.sh)"
  run_e2e.py --gimp 3.2 --plugin "$(tools/build-gimp3.sh 3.2)" --root "$(tools/gimp3-chroot.sh 3.2)"

Seven suites, each in one GIMP session (GIMP's start-up dominates): the fill cases, seamless
results (colour matching, edges), the faults the stand-in injects (with short timeouts), bad input,
Generate Layer / Generate Image / references, Azure OpenAI's two routes (a session each), and
the model catalogue's models (a session per model); each case reports to its own files. Then the
README's examples, the translated runs and the procedures' public face against its golden file
(procedure_signatures.py).
Prints one line per case and, last, "N passed, N failed"; exits non-zero when a case failed."""
import argparse
import os
import sys
import traceback

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from azure_cases import CASES as AZURE_CASES  # noqa: E402
from bad_input_cases import bad_input_cases  # noqa: E402
from fault_cases import CASES as FAULT_CASES, ENVIRONMENT as FAULT_ENVIRONMENT  # noqa: E402
from fill_cases import CASES as FILL_CASES, GAIN, OFFSET, Check, load, make_texture  # noqa: E402
from formats_cases import CASES as FORMATS_CASES  # noqa: E402
from generate_cases import CASES as GENERATE_CASES  # noqa: E402
from expand_cases import CASES as EXPAND_CASES  # noqa: E402
from gimp_runner import VERSIONS, GimpRunner  # noqa: E402
from history_cases import CASES as HISTORY_CASES  # noqa: E402
from loopback_listener import LoopbackListener  # noqa: E402
from models_cases import CASES as MODELS_CASES  # noqa: E402
from procedure_signatures import run_signatures  # noqa: E402
from readme_examples import run_readme_examples  # noqa: E402
from remove_cases import CASES as REMOVE_CASES  # noqa: E402
from seam_cases import CASES as SEAM_CASES  # noqa: E402
from standin_process import StandIn  # noqa: E402
from translation_cases import run_translation_cases  # noqa: E402
from usage_cases import CASES as USAGE_CASES  # noqa: E402

TEST_KEY = "sk-test-e2e-0123456789abcdef"


def read_report(path):
    report = {}
    if not os.path.exists(path):
        return None
    for line in open(path, encoding="utf-8"):
        key, _, value = line.rstrip("\n").partition(" ")
        try:
            report[key] = int(value)
        except ValueError:
            report[key] = value
    return report


def files_below(folder):
    for root, _, names in os.walk(folder):
        for name in names:
            path = os.path.join(root, name)
            if os.path.isfile(path) and not os.path.islink(path):
                yield path


def key_places(text):
    """Where in `text` the test key appears: the lines holding it, the key itself masked."""
    return [line.replace(TEST_KEY, "<THE KEY>")[:200] for line in text.splitlines() if TEST_KEY in line]


def run_suite(runner, work, standin, suite, cases, environment):
    """Runs one suite's cases; yields (name, failures). Cases are (name, prompt, scheme, check) and
    run in one GIMP session (GIMP's start-up dominates); a case with a fifth element
    (session name, function(standin, proxy) -> environment changes) runs with the others of that
    session in a GIMP of its own, started with those changes."""
    sessions = {}
    for case in cases:
        session = case[4] if len(case) > 4 else ("", None)
        sessions.setdefault(session[0], (session[1], []))[1].append(case)
    for session_name, (change, chosen) in sessions.items():
        label = suite + ("_" + session_name if session_name else "")
        yield from run_session(runner, work, standin, label, chosen, environment, change)


def run_session(runner, work, standin, label, cases, environment, change=None):
    """One GIMP session: its own profile, and a loopback listener standing for a proxy (`change`
    may point GIMP's proxy variables at it). Besides each case's check, every session checks that
    the API key appears nowhere in GIMP's output or profile and that no plug-in crashed, and every
    case that the key is not in the procedure's error text or its report."""
    folder = os.path.join(work, "suite-" + label)
    os.makedirs(folder, exist_ok=True)
    texture = os.path.join(work, "texture.png")
    proxy = LoopbackListener()
    try:
        if change:
            environment = dict(environment, **change(standin, proxy))
        first_request = len(standin.requests())
        script, params = [], {}
        for case in cases:
            name, prompt, scheme = case[:3]
            case_dir = os.path.join(work, name)
            os.makedirs(case_dir)
            p = {"dir": case_dir, "prompt": prompt, "input": runner.inside(texture), "gimp": runner.version,
                 "home": os.path.join(folder, "home"), "base_url": standin.base_url, "texture_host": texture,
                 "first_request": first_request, "proxy": proxy, "environment": environment, "key": TEST_KEY}
            for key in ("before", "after"):
                p[key] = runner.inside(os.path.join(case_dir, key + ".png"))
            p["report"] = runner.inside(os.path.join(case_dir, "report.txt"))
            params[name] = p
            # Each case in its own catch, so one broken case cannot stop the others.
            script.append(f'(catch (t-report "{p["report"]}" (list (list "scheme_error" 1))) {scheme(p)})')
        if not script:
            return
        code, output = runner.run(folder, "\n".join(script), environment)
        requests = standin.requests()
    finally:
        proxy.stop()
    home = os.path.join(folder, "home")
    leaks = [path for path in files_below(home) if TEST_KEY.encode() in open(path, "rb").read()]
    failures = [f"the API key appears in GIMP's output: {line}" for line in key_places(output)[:3]]
    failures += [f"the API key appears in the profile's file {path}" for path in leaks]
    yield f"{label}_key_kept_secret", failures
    crashed = [line for line in output.splitlines()
               if "crashed" in line or ("gimp-gpt-image" in line and "wire" in line)]
    yield f"{label}_no_plugin_crash", [f"GIMP reported: {line}" for line in crashed[:3]]
    for case in cases:
        name, check = case[0], case[3]
        p = params[name]
        c = Check()
        report = read_report(os.path.join(p["dir"], "report.txt"))
        error_file = os.path.join(p["dir"], "report.txt.error")
        p["error"] = open(error_file, encoding="utf-8", errors="replace").read() if os.path.exists(error_file) else None
        for what, text in (("the procedure's error text", p["error"] or ""),
                           ("the case's report", open(os.path.join(p["dir"], "report.txt"), errors="replace").read()
                            if report is not None else "")):
            c.expect(TEST_KEY not in text, f"the API key appears in {what}: {key_places(text)[:1]}")
        try:
            if c.expect(report is not None, f"GIMP wrote no report (exit code {code}); see "
                                            f"{os.path.join(folder, 'gimp-output.txt')}"):
                host = lambda key: os.path.join(p["dir"], key + ".png")  # noqa: E731
                before = load(host("before")) if os.path.exists(host("before")) else None
                after = load(host("after")) if os.path.exists(host("after")) else None
                if c.expect("scheme_error" not in report, "the case's Scheme raised an error"):
                    # What the case's checks read as "GIMP's output": the call's own error text as
                    # Script-Fu saw it (GIMP 3.2 prints a failed call's error on the console only for
                    # interactive calls), then the session's console output.
                    check(c, p, report, before, after, requests, (p["error"] or "") + "\n" + output)
        except Exception:
            c.failures.append("check raised:\n" + traceback.format_exc())
        yield name, c.failures


def write_numbers(path, version, work, case_names):
    """Collects what the seam cases measured (their seam-numbers.txt) into one file that outlives
    the run's work directory: "gimp<version> <case>: <line>" per measured number."""
    lines = []
    for name in case_names:
        measured = os.path.join(work, name, "seam-numbers.txt")
        if os.path.exists(measured):
            lines += [f"gimp{version} {name}: {line.rstrip()}" for line in open(measured, encoding="utf-8")]
    with open(path, "w", encoding="utf-8") as f:
        f.writelines(line + "\n" for line in lines)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--gimp", choices=VERSIONS, required=True)
    parser.add_argument("--plugin", required=True)
    parser.add_argument("--root", default="", help="chroot holding this GIMP")
    parser.add_argument("--only", default="", help="run only cases (and suites) whose name contains this")
    parser.add_argument("--numbers", default="", help="write the measured seam and PSNR numbers to this file "
                                                      "(the README quotes them; tests/e2e/check_quoted_numbers.py)")
    args = parser.parse_args()

    runner = GimpRunner(args.gimp, args.plugin, args.root)
    work = runner.work_dir("gimp" + args.gimp)
    standin = StandIn(work, TEST_KEY)
    passed = failed = 0

    def report(name, failures):
        nonlocal passed, failed
        if failures:
            failed += 1
            print(f"FAIL gimp{args.gimp} {name}")
            for failure in failures:
                print("       - " + failure)
        else:
            passed += 1
            print(f"ok   gimp{args.gimp} {name}")
        sys.stdout.flush()

    try:
        standin.control(gain=GAIN, offset=OFFSET)
        make_texture(os.path.join(work, "texture.png"))
        # No OPENAI_IMAGE_MODEL: the model comes from the settings (default gpt-image-1.5).
        environment = {"OPENAI_API_KEY": TEST_KEY, "OPENAI_BASE_URL": standin.base_url}
        # Remove's cases share the fill's GIMP session (a session's start-up costs more than a case).
        suites = [("fill", REMOVE_CASES + FILL_CASES + USAGE_CASES, {}), ("seam", SEAM_CASES, {"GPT_IMAGE_TIMINGS": "1"}),
                  ("faults", FAULT_CASES, FAULT_ENVIRONMENT), ("bad_input", bad_input_cases(args.gimp), {}),
                  ("generate", GENERATE_CASES + FORMATS_CASES + HISTORY_CASES, {}), ("azure", AZURE_CASES, {}),
                  ("models", MODELS_CASES, {}), ("expand", EXPAND_CASES, {})]
        for suite, cases, extra in suites:
            chosen = [case for case in cases if args.only in case[0] or args.only in suite]
            for name, failures in run_suite(runner, work, standin, suite, chosen, dict(environment, **extra)):
                report(name, failures)
        texture = os.path.join(work, "texture.png")
        extra = []
        if not args.only or "signatures" in args.only:
            extra.append(run_signatures(runner, work, environment))
        if not args.only or "readme" in args.only:
            extra.append(run_readme_examples(runner, work, texture, environment))
        if not args.only or "translated" in args.only:
            extra.append(run_translation_cases(runner, environment))
        for group in extra:
            for name, failures in group:
                report(name, failures)
        if args.numbers:
            write_numbers(args.numbers, args.gimp, work, [case[0] for case in SEAM_CASES])
    finally:
        standin.stop()
    print(f"{passed} passed, {failed} failed")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
