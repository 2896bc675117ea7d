package main

import (
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/rogpeppe/go-internal/testscript"
)

// The commands the CLI scripts have besides testscript's own, each for a
// check a script cannot make with grep, cmp and exists alone.

// scriptCmds are the custom commands of TestScripts.
var scriptCmds = map[string]func(ts *testscript.TestScript, neg bool, args []string){
	"gzip":      gzipCmd,
	"truncate":  truncateCmd,
	"measures":  measuresCmd,
	"eachfile":  eachFileCmd,
	"snapshot":  snapshotCmd,
	"nosecrets": noSecretsCmd,
	"status":    statusCmd,
}

// statusCmd is `status N PROGRAM [ARGS...]`: like exec, keeping stdout and
// stderr for the commands after it, but PROGRAM must exit with status N
// (2 for a usage error, 1 for any other failure).
func statusCmd(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 {
		ts.Fatalf("usage: status N PROGRAM [ARGS...]")
	}
	want, err := strconv.Atoi(args[0])
	ts.Check(err)
	got := 0
	if err := ts.Exec(args[1], args[2:]...); err != nil {
		var ee *exec.ExitError
		if !errors.As(err, &ee) {
			ts.Fatalf("%s: %v", args[1], err)
		}
		got = ee.ExitCode()
	}
	if got != want {
		ts.Fatalf("%s exited with status %d, want %d", args[1], got, want)
	}
}

// measuresCmd is `measures MEASURES.JSON OUT`: OUT gets one line per
// measure, "id<TAB>text<TAB>value<TAB>withheld" (value "-" when there is
// none), so a script greps measures by id.
func measuresCmd(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: measures MEASURES.JSON OUT")
	}
	var doc struct {
		Measures []struct {
			ID       string   `json:"id"`
			Text     string   `json:"text"`
			Value    *float64 `json:"value"`
			Withheld string   `json:"withheld"`
		} `json:"measures"`
	}
	ts.Check(json.Unmarshal([]byte(ts.ReadFile(args[0])), &doc))
	if len(doc.Measures) == 0 {
		ts.Fatalf("%s holds no measures", args[0])
	}
	var b strings.Builder
	for _, m := range doc.Measures {
		v := "-"
		if m.Value != nil {
			v = strconv.FormatFloat(*m.Value, 'g', -1, 64)
		}
		fmt.Fprintf(&b, "%s\t%s\t%s\t%s\n", m.ID, m.Text, v, m.Withheld)
	}
	ts.Check(os.WriteFile(ts.MkAbs(args[1]), []byte(b.String()), 0o644))
}

// eachFileCmd is `eachfile [-min=N] REGEXP GLOB`: at least N files (1 by
// default) match GLOB, and every one of them matches REGEXP (with !, none
// does).
func eachFileCmd(ts *testscript.TestScript, neg bool, args []string) {
	min := 1
	if len(args) > 0 && strings.HasPrefix(args[0], "-min=") {
		n, err := strconv.Atoi(strings.TrimPrefix(args[0], "-min="))
		ts.Check(err)
		min, args = n, args[1:]
	}
	if len(args) != 2 {
		ts.Fatalf("usage: eachfile [-min=N] REGEXP GLOB")
	}
	re, err := regexp.Compile(args[0])
	ts.Check(err)
	files, err := filepath.Glob(ts.MkAbs(args[1]))
	ts.Check(err)
	if len(files) < min {
		ts.Fatalf("%d files match %s, want at least %d", len(files), args[1], min)
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		ts.Check(err)
		if re.Match(b) == neg {
			ts.Fatalf("%s: match of %q is %v", filepath.Base(f), args[0], !neg)
		}
	}
}

// snapshotCmd is `snapshot DIR OUT`: OUT lists every file under DIR with
// the SHA-256 of its content, sorted, so `cmp` tells whether a folder
// changed.
func snapshotCmd(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: snapshot DIR OUT")
	}
	root := ts.MkAbs(args[0])
	var lines []string
	ts.Check(filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(root, p)
		lines = append(lines, fmt.Sprintf("%x  %s", sha256.Sum256(b), filepath.ToSlash(rel)))
		return err
	}))
	if len(lines) == 0 {
		ts.Fatalf("no files under %s", args[0])
	}
	slices.Sort(lines)
	ts.Check(os.WriteFile(ts.MkAbs(args[1]), []byte(strings.Join(lines, "\n")+"\n"), 0o644))
}

// noSecretsCmd is `nosecrets DIR SECRETS`: no file under DIR (a PDF by
// the text pdftotext reads from it) contains any line of the file
// SECRETS, the personal data of a script's inputs.
func noSecretsCmd(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: nosecrets DIR SECRETS")
	}
	var secrets []string
	for _, s := range strings.Split(ts.ReadFile(args[1]), "\n") {
		if s = strings.TrimSpace(s); s != "" {
			secrets = append(secrets, s)
		}
	}
	if len(secrets) == 0 {
		ts.Fatalf("%s lists no secrets", args[1])
	}
	files := 0
	var found []string
	ts.Check(filepath.WalkDir(ts.MkAbs(args[0]), func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		files++
		text := fileText(ts, p)
		for _, s := range secrets {
			if strings.Contains(text, s) {
				found = append(found, fmt.Sprintf("%s contains %q", p, s))
			}
		}
		return nil
	}))
	if files == 0 {
		ts.Fatalf("no files under %s", args[0])
	}
	if len(found) > 0 {
		ts.Fatalf("personal data published:\n%s", strings.Join(found, "\n"))
	}
}

// fileText is a file's content, or a PDF's text as pdftotext reads it.
func fileText(ts *testscript.TestScript, path string) string {
	b, err := os.ReadFile(path)
	ts.Check(err)
	if !strings.HasSuffix(path, ".pdf") {
		return string(b)
	}
	out, err := exec.Command("pdftotext", "-enc", "UTF-8", path, "-").Output()
	if err != nil {
		ts.Fatalf("pdftotext %s: %v (install poppler-utils: make deps)", path, err)
	}
	return string(out)
}
