package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/moocreport/moocreport/internal/pdftest"
)

// The archival PDF and the paper appendix of the example study, built from
// the CLI and read back with the tools an archivist would use: pdffonts,
// qpdf, pdftotext, pdfdetach and pdfinfo. The tests fail, not skip, when
// a tool is missing: `make test` installs them.

// flatText is a PDF's text with every run of white space made one space.
func flatText(t *testing.T, path string) string {
	t.Helper()
	return strings.Join(strings.Fields(pdftest.Text(t, path)), " ")
}

// captionRe finds numbered captions; the continuation of a table across
// pages repeats its caption, so callers compare sets.
var captionRe = regexp.MustCompile(`(?m)^(Table|Figure) (\d+)\. (.+?)(?: \(continued\))?$`)

// captions lists the distinct "Table n. Title" lines of a PDF, in order.
func captions(t *testing.T, path string) []string {
	t.Helper()
	var out []string
	for _, m := range captionRe.FindAllStringSubmatch(pdftest.Run(t, "pdftotext", "-enc", "UTF-8", "-layout", path, "-"), -1) {
		c := m[1] + " " + m[2] + ". " + strings.TrimSpace(m[3])
		if !slices.Contains(out, c) {
			out = append(out, c)
		}
	}
	return out
}

func TestArchivalPDF(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", epoch)
	dir := copyStudy(t)
	study := filepath.Join(dir, "study.yaml")
	if code, out, errOut := moocreport(t, "build", "-appendix", "-study", study); code != 0 {
		t.Fatalf("build -appendix failed (%d): %s%s", code, out, errOut)
	}
	v := filepath.Join(dir, "public", "1.0.0")
	report := filepath.Join(v, "report.pdf")

	t.Run("pdffonts: every font embedded", func(t *testing.T) {
		lines := strings.Split(strings.TrimSpace(pdftest.Run(t, "pdffonts", report)), "\n")
		col := strings.Index(lines[0], "emb")
		if len(lines) < 3 || col < 0 {
			t.Fatalf("pdffonts lists no fonts:\n%s", strings.Join(lines, "\n"))
		}
		for _, line := range lines[2:] {
			if len(line) < col+3 || line[col:col+3] != "yes" {
				t.Errorf("font not embedded: %s", line)
			}
		}
	})

	t.Run("qpdf --check", func(t *testing.T) {
		for _, p := range []string{report, filepath.Join(v, "appendix", "appendix.pdf")} {
			if out := pdftest.Run(t, "qpdf", "--check", p); !strings.Contains(out, "No syntax or stream encoding errors found") {
				t.Errorf("qpdf --check %s:\n%s", filepath.Base(p), out)
			}
		}
	})

	t.Run("pdfinfo: A4, metadata", func(t *testing.T) {
		out := pdftest.Run(t, "pdfinfo", report)
		for _, want := range []string{"(A4)", "Keywords:        MOOC; learning analytics; nordhavn-eat-2026", "Creator:         moocreport v0.1.0"} {
			if !strings.Contains(out, want) {
				t.Errorf("pdfinfo lacks %q:\n%s", want, out)
			}
		}
	})

	t.Run("pdftotext: headings, appendices and the numbers in measures.json", func(t *testing.T) {
		text := flatText(t, report)
		for _, want := range []string{"1 Key findings", "2 Introduction", "3 Learners", "4 Activity", "5 Performance", "6 Surveys",
			"Appendices A Methods and definitions", "B Data quality", "C Disclosure control", "D Provenance", "Suggested citation"} {
			if !strings.Contains(text, want) {
				t.Errorf("PDF text lacks %q", want)
			}
		}
		var ms struct{ Measures []struct{ ID, Text string } }
		readJSON(t, filepath.Join(v, "measures.json"), &ms)
		found := 0
		for _, m := range ms.Measures {
			if m.Text != "" && strings.Contains(text, m.Text) {
				found++
			}
			switch m.ID {
			case "eat.enrolled", "sus.enrolled", "eat.pass-rate", "eat.pass-rate.ci95", "eat.active.w1.share", "disclosure.suppressed":
				if !strings.Contains(text, m.Text) {
					t.Errorf("PDF text lacks %s = %q", m.ID, m.Text)
				}
			}
		}
		// Most measures are shown in some table; a drop means tables or
		// sections went missing. The counts behind a chart's shares are in
		// its data table, attached as CSV (checked below), not printed
		// beside it (890 of 1099 were found in the text when the weekly
		// active, retention and funnel tables became their figures' data;
		// the rest are in the attachments and measures.json).
		if found < len(ms.Measures)*78/100 {
			t.Errorf("only %d of %d measure texts are in the PDF", found, len(ms.Measures))
		}
	})

	t.Run("pdfdetach: measures, manifest and every CSV travel inside", func(t *testing.T) {
		list := pdftest.Run(t, "pdfdetach", "-list", report)
		csvs, _ := filepath.Glob(filepath.Join(v, "data", "*.csv"))
		if len(csvs) < 20 {
			t.Fatalf("only %d CSVs in data/", len(csvs))
		}
		names := []string{"measures.json", "manifest.json"}
		for _, c := range csvs {
			names = append(names, filepath.Base(c))
		}
		for _, n := range names {
			if !strings.Contains(list, ": "+n+"\n") {
				t.Errorf("pdfdetach -list lacks %s", n)
			}
		}
		if want := fmt.Sprintf("%d embedded files\n1: measures.json\n2: manifest.json\n", len(names)); !strings.HasPrefix(list, want) {
			t.Errorf("pdfdetach -list:\n%s\nwant it to start\n%s", list, want)
		}
		out := t.TempDir()
		pdftest.Run(t, "pdfdetach", "-saveall", "-o", out, report)
		for _, n := range names {
			want, _ := os.ReadFile(filepath.Join(v, n))
			if n != "measures.json" && n != "manifest.json" {
				want, _ = os.ReadFile(filepath.Join(v, "data", n))
			}
			got, err := os.ReadFile(filepath.Join(out, n))
			if err != nil || !bytes.Equal(got, want) {
				t.Errorf("attached %s differs from the published file (%v)", n, err)
			}
		}
	})

	t.Run("appendix: files, CSV and SVG as published, numbers as in the report", func(t *testing.T) {
		a := filepath.Join(v, "appendix")
		for _, kind := range []struct{ glob, published string }{
			{"tables/*.csv", "data"}, {"figures/*.csv", "data"}, {"figures/*.svg", "figures"},
		} {
			files, _ := filepath.Glob(filepath.Join(a, kind.glob))
			if len(files) < 5 {
				t.Errorf("appendix has %d %s", len(files), kind.glob)
			}
			for _, f := range files {
				id := regexp.MustCompile(`^\d{2}-`).ReplaceAllString(filepath.Base(f), "")
				got, _ := os.ReadFile(f)
				want, err := os.ReadFile(filepath.Join(v, kind.published, id))
				if err != nil || !bytes.Equal(got, want) {
					t.Errorf("%s differs from %s/%s (%v)", f, kind.published, id, err)
				}
			}
		}
		for _, f := range mustGlob(t, filepath.Join(a, "tables", "*.csv")) {
			tex, err := os.ReadFile(strings.TrimSuffix(f, ".csv") + ".tex")
			if err != nil || !bytes.Contains(tex, []byte(`\toprule`)) || !bytes.Contains(tex, []byte(`\bottomrule`)) {
				t.Errorf("%s: no booktabs LaTeX beside it (%v)", f, err)
			}
		}
		for _, f := range mustGlob(t, filepath.Join(a, "figures", "*.svg")) {
			if _, err := os.Stat(strings.TrimSuffix(f, ".svg") + ".png"); err != nil {
				t.Errorf("no PNG beside %s", f)
			}
		}
		// Compared as sets: the report may set a table ahead of a figure
		// that waits for the next page, a float's liberty the numbers
		// do not follow.
		inReport, inAppendix := captions(t, report), captions(t, filepath.Join(a, "appendix.pdf"))
		slices.Sort(inReport)
		slices.Sort(inAppendix)
		if len(inReport) < 20 || !slices.Equal(inReport, inAppendix) {
			t.Errorf("captions differ:\nreport.pdf   %q\nappendix.pdf %q", inReport, inAppendix)
		}
		if n := len(mustGlob(t, filepath.Join(a, "tables", "*.tex"))) + len(mustGlob(t, filepath.Join(a, "figures", "*.svg"))); n != len(inReport) {
			t.Errorf("appendix has %d tables and figures, the report %d", n, len(inReport))
		}
	})

	t.Run("no personal data in the appendix or the attachments", func(t *testing.T) {
		secrets := personalData(t, dir)
		attached := t.TempDir()
		pdftest.Run(t, "pdfdetach", "-saveall", "-o", attached, report)
		checkNoSecrets(t, filepath.Join(v, "appendix"), secrets)
		checkNoSecrets(t, attached, secrets)
	})

	t.Run("identical rebuild with the appendix is a no-op", func(t *testing.T) {
		before := snapshot(t, filepath.Join(dir, "public"))
		code, out, errOut := moocreport(t, "build", "-appendix", "-study", study)
		if code != 0 || !strings.Contains(out, "unchanged") {
			t.Fatalf("rebuild: %d %s %s", code, out, errOut)
		}
		if d := diffSnap(before, snapshot(t, filepath.Join(dir, "public"))); d != "" {
			t.Errorf("rebuild changed public/: %s", d)
		}
	})
}

func mustGlob(t *testing.T, pattern string) []string {
	t.Helper()
	m, err := filepath.Glob(pattern)
	if err != nil || len(m) == 0 {
		t.Fatalf("nothing matches %s (%v)", pattern, err)
	}
	return m
}
