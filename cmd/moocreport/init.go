package main

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/moocreport/moocreport/report/detect"
	"github.com/moocreport/moocreport/report/scaffold"
)

// runInit is `moocreport init [DIR]`: it reads the exports in DIR (default
// the current folder) and writes a study into the current folder.
func runInit(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("init", "init [DIR]",
		`Start a study from a folder of raw exports (default: this folder; nested folders are read):
recognise each file by its content, and write into this folder a commented study.yaml whose
every guess says what it saw, one content/ stub per section and a .gitignore. An existing
study.yaml is never replaced. Files init does not recognise are listed with the reason.`)
	fs.SetOutput(io.Discard)
	err := fs.Parse(args)
	if errors.Is(err, flag.ErrHelp) {
		fs.SetOutput(stdout)
		fs.Usage()
		return 0
	}
	if err == nil && fs.NArg() > 1 {
		err = fmt.Errorf("want at most one folder of exports, got %d arguments", fs.NArg())
	}
	if err != nil {
		fmt.Fprintf(stderr, "moocreport init: %v\n\n", err)
		fs.SetOutput(stderr)
		fs.Usage()
		return 2
	}
	exports := "."
	if fs.NArg() == 1 {
		exports = fs.Arg(0)
	}
	if st, err := os.Stat(exports); err != nil || !st.IsDir() {
		fmt.Fprintf(stderr, "moocreport: init: %s: want a folder of exports\n", exports)
		return 2
	}
	if _, err := os.Stat("study.yaml"); err == nil {
		fmt.Fprintln(stderr, "moocreport: init: study.yaml already exists here; init never replaces a study (run it in an empty folder, or move study.yaml away)")
		return 1
	}
	salt := make([]byte, 16)
	if _, err := rand.Read(salt); err != nil {
		return fail(stderr, err)
	}
	plan, err := scaffold.Inspect(scaffold.Options{Exports: exports, StudyDir: ".", Salt: hex.EncodeToString(salt)})
	if err != nil {
		return fail(stderr, err)
	}
	printFound(stdout, plan, exports)
	if len(plan.Courses) == 0 {
		fmt.Fprintf(stderr, "moocreport: init: found no course data in %s (edX reports or tracking logs, research data package tables, OULAD); nothing written\n", exports)
		return 1
	}
	written, err := plan.Write()
	if err != nil {
		return fail(stderr, err)
	}
	fmt.Fprintf(stdout, "\nwrote %s\n", strings.Join(written, ", "))
	fmt.Fprintln(stdout, "next: read study.yaml (lines marked CHECK need you), then `moocreport check` and `moocreport build`")
	return 0
}

// printFound says what init recognised, what it proposes and what it
// left out, and why.
func printFound(w io.Writer, plan *scaffold.Plan, exports string) {
	at := func(p string) string { return filepath.ToSlash(filepath.Join(exports, p)) }
	byFormat := map[string]int{}
	for _, f := range plan.Files {
		if f.Kind != detect.Unknown {
			byFormat[f.Format+" ("+f.Kind.String()+")"]++
		}
	}
	keys := slices.Sorted(maps.Keys(byFormat))
	fmt.Fprintf(w, "recognised %d of %d files:\n", len(plan.Files)-len(plan.Unrecognised()), len(plan.Files))
	for _, k := range keys {
		fmt.Fprintf(w, "  %4d  %s\n", byFormat[k], k)
	}
	for _, c := range plan.Courses {
		fmt.Fprintf(w, "course %s (%s, %s): %d sources, start %s, %d weeks\n", c.Key, c.CourseID, c.Role, len(c.Sources), c.Start.Format("2006-01-02"), c.Weeks)
	}
	for _, sv := range plan.Surveys {
		link := "not linked to learners"
		if sv.IDColumn != "" {
			link = "linked by " + sv.IDColumn + " (" + sv.IDType + ")"
		}
		fmt.Fprintf(w, "survey %s of %s: %s, %d questions, %s\n", sv.Key, sv.Course, filepath.Base(sv.Path), len(sv.Questions), link)
	}
	if un := plan.Unrecognised(); len(un) > 0 {
		fmt.Fprintf(w, "not recognised (%d):\n", len(un))
		for _, f := range un {
			fmt.Fprintf(w, "  %s: %s\n", at(f.Path), f.Why)
		}
	}
	var notes []string
	for _, n := range plan.Notes {
		if !strings.HasPrefix(n.Text, "not recognised") {
			notes = append(notes, fmt.Sprintf("  %s: %s", at(n.Path), n.Text))
		}
	}
	if len(notes) > 0 {
		fmt.Fprintf(w, "not used (%d):\n%s\n", len(notes), strings.Join(notes, "\n"))
	}
}
