"""Runs Script-Fu in a real, headless GIMP 2.10 (on the host), GIMP 3.0 (in the Debian 13 chroot
from tools/gimp3-chroot.sh) or GIMP 3.2 (in the Debian forky chroot from `tools/gimp3-chroot.sh
3.2`), or on the host when it has that GIMP, each run in a fresh profile with the freshly built
plug-in installed."""
import atexit
import os
import shutil
import subprocess
import tempfile

SCHEME_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "scheme")

VERSIONS = ("2.10", "3.0", "3.2")


def is_gimp3(version):
    """GIMP 3.x: libgimp-3.0, GTK 3, Script-Fu 3, Python-Fu, drawables arrays."""
    return version != "2.10"


def console_binary(version):
    """The headless GIMP of a version (3.2 has gimp-console-3.2, no gimp-console-3.0)."""
    return f"gimp-console-{version}"


def gui_binary(version):
    """The GIMP with its user interface."""
    return f"gimp-{version}"


def profile_dir(version):
    """The per-user folder below HOME; every version has its own (3.2 reads .config/GIMP/3.2)."""
    return f".config/GIMP/{version}"


def prelude(version):
    """The Script-Fu helper file of a version: GIMP 3.2's Script-Fu is 3.0's."""
    return "prelude-2.10.scm" if version == "2.10" else "prelude-3.0.scm"


class GimpRunner:
    def __init__(self, version, plugin_binary, root=""):
        if version not in VERSIONS:
            raise ValueError(f"GIMP version must be one of {', '.join(VERSIONS)}, not {version}")
        self.version = version          # "2.10", "3.0" or "3.2"
        self.gimp3 = is_gimp3(version)
        self.plugin_binary = plugin_binary
        self.root = root.rstrip("/")    # chroot directory, "" for the host

    def work_dir(self, name):
        """A fresh directory both this script and GIMP can reach; returns its host path."""
        if not getattr(self, "_run_dir", None):
            # One directory per run of a suite, so two runs never delete each other's files.
            self._run_dir = tempfile.mkdtemp(prefix="gimp-gpt-image-e2e-", dir=f"{self.root}/tmp")
            os.chmod(self._run_dir, 0o755)
            if not os.environ.get("GPT_IMAGE_KEEP_E2E"):  # set it to look at a run's files afterwards
                atexit.register(shutil.rmtree, self._run_dir, True)
        path = os.path.join(self._run_dir, name)
        shutil.rmtree(path, ignore_errors=True)
        os.makedirs(path)
        return path

    def inside(self, host_path):
        """The path GIMP sees for a host path inside the work directory."""
        return host_path[len(self.root):] if self.root else host_path

    def plugin_folder(self, home):
        """Where the plug-in lives in a profile: its own folder, as both GIMP versions allow."""
        return os.path.join(self.profile(home), "plug-ins/gimp-gpt-image")

    def profile(self, home):
        """The GIMP profile folder (gimprc, pluginrc, the plug-in's settings) in a HOME."""
        return os.path.join(home, profile_dir(self.version))

    def install_plugin(self, home):
        folder = self.plugin_folder(home)
        os.makedirs(folder, exist_ok=True)
        # GIMP 2.10 writes data folders it expects to exist; create them so it keeps quiet.
        for sub in ("brushes", "gradients", "patterns", "palettes"):
            os.makedirs(os.path.join(self.profile(home), sub), exist_ok=True)
        shutil.copy2(self.plugin_binary, os.path.join(folder, "gimp-gpt-image"))
        # The model catalogue the build leaves beside the binary, as an installation has it.
        shutil.copy2(os.path.join(os.path.dirname(os.path.abspath(self.plugin_binary)), "models.json"),
                     os.path.join(folder, "models.json"))
        # The translations, laid out as the build leaves them (<build>/po/<lang>/LC_MESSAGES/*.mo),
        # go to locale/ beside the binary, where the plug-in looks for them.
        build_dir = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(self.plugin_binary))))
        catalogues = os.path.join(build_dir, "po")
        locale = os.path.join(folder, "locale")
        shutil.rmtree(locale, ignore_errors=True)
        if os.path.isdir(catalogues):
            shutil.copytree(catalogues, locale, ignore=lambda d, names: [n for n in names if n.endswith(".p")])

    def run(self, work_dir, body, environment, timeout=600, language="scheme-with-helpers"):
        """Runs `body` and returns (exit code, combined output). Languages: "scheme-with-helpers"
        (after the helper preludes), "scheme" (as it is), "python" (GIMP 3 only)."""
        home = os.path.join(work_dir, "home")
        self.install_plugin(home)
        script = body
        if language == "scheme-with-helpers":
            script = "".join(open(os.path.join(SCHEME_DIR, f)).read()
                             for f in (prelude(self.version), "common.scm")) + "\n" + body
        env = {"HOME": self.inside(home), "PATH": "/usr/sbin:/usr/bin:/sbin:/bin", "LANG": "C.UTF-8"}
        env.update(environment)
        if self.version == "2.10":
            command = ["gimp-console-2.10", "-i", "-d", "-f", "-b", script, "-b", "(gimp-quit 0)"]
        else:
            interpreter = "python-fu-eval" if language == "python" else "plug-in-script-fu-eval"
            command = [console_binary(self.version), "-i", "-d", "-f", "--quit", f"--batch-interpreter={interpreter}",
                       "-b", script]
        if self.root:
            self._mount_proc()
            command = ["chroot", self.root] + command
        result = subprocess.run(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                timeout=timeout, stdin=subprocess.DEVNULL)
        output = result.stdout.decode("utf-8", "replace")
        with open(os.path.join(work_dir, "gimp-output.txt"), "w") as log:
            log.write(output)
        return result.returncode, output

    def _mount_proc(self):
        proc = os.path.join(self.root, "proc")
        if not os.path.ismount(proc):
            subprocess.run(["mount", "-t", "proc", "proc", proc], check=True)
