package main

import (
	"bytes"
	"compress/gzip"
	"encoding/csv"
	"encoding/json"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode"

	"github.com/moocreport/moocreport/internal/fixture"
	"github.com/moocreport/moocreport/internal/golden"
	"github.com/moocreport/moocreport/internal/pdftest"
	"github.com/moocreport/moocreport/report/site"
)

// copyStudy copies the example study (study.yaml, content/, data/) into a
// temporary folder, so tests can damage it.
func copyStudy(t *testing.T) string {
	t.Helper()
	root := fixture.RepoRoot(t)
	dst := t.TempDir()
	for _, name := range []string{"study.yaml", "content", "data"} {
		src := filepath.Join(root, name)
		err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			rel, _ := filepath.Rel(root, p)
			if d.IsDir() {
				return os.MkdirAll(filepath.Join(dst, rel), 0o755)
			}
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			return os.WriteFile(filepath.Join(dst, rel), b, 0o644)
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return dst
}

// moocreport runs the CLI in-process.
func moocreport(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var o, e bytes.Buffer
	code = run(args, &o, &e)
	return code, o.String(), e.String()
}

const epoch = "1767225600" // 2026-01-01T00:00:00Z

// TestBuildExample builds the example study from the CLI and checks the
// output contract.
func TestBuildExample(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", epoch)
	dir := copyStudy(t)
	public := filepath.Join(dir, "public")
	code, out, errOut := moocreport(t, "build", "-study", filepath.Join(dir, "study.yaml"))
	if code != 0 {
		t.Fatalf("build failed (%d): %s%s", code, out, errOut)
	}
	v := filepath.Join(public, "1.0.0")
	for _, f := range []string{"index.html", "report.pdf", "measures.json", "manifest.json", "../index.html", "../latest/index.html", "../latest/report.pdf"} {
		if _, err := os.Stat(filepath.Join(v, f)); err != nil {
			t.Errorf("missing %s", f)
		}
	}
	// The methods section states the tests' conventions (issue 9, item 11).
	pages, _ := filepath.Glob(filepath.Join(v, "*.html"))
	var pagesText strings.Builder
	for _, p := range pages {
		pagesText.Write(readFile(t, p))
	}
	for _, want := range []string{"Statistical conventions.", "drops the pairs whose difference is zero", "takes N as the number of pairs with a non-zero difference",
		"corrected for ties", "is a category of its own", "no computed p-value is recorded as 0", "survey of EAT101x by the learner"} {
		if !strings.Contains(pagesText.String(), want) {
			t.Errorf("no page of the site says %q", want)
		}
	}
	svgs, _ := filepath.Glob(filepath.Join(v, "figures", "*.svg"))
	if len(svgs) < 5 {
		t.Errorf("only %d SVG figures", len(svgs))
	}

	var ms struct {
		Measures []struct {
			ID, Definition, Text string
			N                    int
		}
	}
	readJSON(t, filepath.Join(v, "measures.json"), &ms)
	ids := map[string]string{}
	for _, m := range ms.Measures {
		ids[m.ID] = m.Text
		if m.Definition == "" {
			t.Errorf("measure %s has no definition", m.ID)
		}
	}
	for _, id := range []string{"eat.enrolled", "sus.enrolled", "eat.active.w1", "eat.pass-rate", "eat.pass-rate.ci95", "eat.pre.responses", "eat.post.q2_1.mean", "eat.gender.female"} {
		if _, ok := ids[id]; !ok {
			t.Errorf("measures.json lacks %s", id)
		}
	}

	// The example's numbers are pinned: any change to a measure shows up
	// as a reviewable diff of testdata/example-measures.json.
	golden.Check(t, filepath.Join("testdata", "example-measures.json"), readFile(t, filepath.Join(v, "measures.json")))
	t.Run("CSV files hold plain numbers", func(t *testing.T) { checkCSVNumbers(t, v) })

	var man site.Manifest
	readJSON(t, filepath.Join(v, "manifest.json"), &man)
	if man.Version != "1.0.0" || man.Built.Unix() != 1767225600 || man.StudyFile.Path != "study.yaml" || len(man.StudyFile.SHA256) != 64 {
		t.Errorf("manifest = %+v", man)
	}
	if len(man.Inputs) < 10 {
		t.Errorf("manifest lists %d inputs", len(man.Inputs))
	}

	// The PDF: text has the headings and the numbers.
	text := pdftest.Text(t, filepath.Join(v, "report.pdf"))
	for _, want := range []string{"Learners", "Activity", "Performance", "Methods and definitions", ids["eat.enrolled"], ids["eat.pass-rate"]} {
		if !strings.Contains(text, want) {
			t.Errorf("PDF text lacks %q", want)
		}
	}

	t.Run("key findings open the landing page and the PDF", func(t *testing.T) {
		index := string(readFile(t, filepath.Join(v, "index.html")))
		finding := "higher in EAT101x than in SUS201x in every course week"
		main := index[max(0, strings.Index(index, "<main")):]
		at := strings.Index(main, `id="summary-title"`)
		if at < 0 || !strings.Contains(main[:at+200], "Key findings") || !strings.Contains(main[at:], finding) || !strings.Contains(main[at:], `id="table-summary-headline"`) {
			t.Errorf("index.html does not open with the key findings (headline table and %q)", finding)
		}
		if _, err := os.Stat(filepath.Join(v, "summary.html")); err == nil {
			t.Errorf("the key findings have a page of their own besides the landing page")
		}
		plain := strings.Join(strings.Fields(strings.ReplaceAll(text, "\u00a0", " ")), " ")
		first, intro := strings.Index(plain, "Headline numbers"), strings.Index(plain, "was the university's first course")
		if first < 0 || intro < first || !strings.Contains(plain[first:intro], finding) {
			t.Errorf("the PDF's first text is not the key findings (headline table and %q) before the introduction", finding)
		}
	})

	t.Run("no personal data in any output file", func(t *testing.T) {
		secrets := personalData(t, dir)
		if len(secrets) < 1000 {
			t.Fatalf("only %d personal strings collected from the inputs: the collector is broken", len(secrets))
		}
		checkNoSecrets(t, public, secrets)
	})

	t.Run("identical rebuild is a no-op", func(t *testing.T) {
		before := snapshot(t, public)
		code, out, errOut := moocreport(t, "build", "-study", filepath.Join(dir, "study.yaml"))
		if code != 0 || !strings.Contains(out, "unchanged") {
			t.Fatalf("rebuild: %d %s %s", code, out, errOut)
		}
		if d := diffSnap(before, snapshot(t, public)); d != "" {
			t.Errorf("rebuild changed public/: %s", d)
		}
	})
}

// TestDeterministic builds two separate copies and compares every byte.
func TestDeterministic(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", epoch)
	var snaps []map[string]string
	for range 2 {
		dir := copyStudy(t)
		if code, _, errOut := moocreport(t, "build", "-study", filepath.Join(dir, "study.yaml")); code != 0 {
			t.Fatal(errOut)
		}
		snaps = append(snaps, snapshot(t, filepath.Join(dir, "public")))
	}
	if d := diffSnap(snaps[0], snaps[1]); d != "" {
		t.Errorf("two builds of the same inputs differ: %s", d)
	}
}

func readFile(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func readJSON(t *testing.T, path string, v any) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
}

// snapshot maps every file under root to its content, leaving out a
// public/ folder directly under root (the study's output).
func snapshot(t *testing.T, root string) map[string]string {
	t.Helper()
	m := map[string]string{}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		if d.IsDir() {
			if rel == "public" {
				return filepath.SkipDir
			}
			return nil
		}
		b, err := os.ReadFile(p)
		m[rel] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func diffSnap(a, b map[string]string) string {
	var d []string
	for p, c := range a {
		if c2, ok := b[p]; !ok {
			d = append(d, p+" gone")
		} else if c != c2 {
			d = append(d, p+" changed")
		}
	}
	for p := range b {
		if _, ok := a[p]; !ok {
			d = append(d, p+" new")
		}
	}
	if len(d) > 10 {
		d = append(d[:10], "…")
	}
	return strings.Join(d, ", ")
}

// personalData collects every username, name, e-mail and IP address and
// every free-text answer from the example's raw inputs.
func personalData(t *testing.T, dir string) map[string]string {
	t.Helper()
	secrets := map[string]string{}
	add := func(kind, s string) {
		s = strings.TrimSpace(s)
		if len(s) >= 4 && s != "N/A" {
			secrets[s] = kind
		}
	}
	csvs, _ := filepath.Glob(filepath.Join(dir, "data", "*", "*.csv"))
	for _, f := range csvs {
		b, _ := os.ReadFile(f)
		b = bytes.TrimPrefix(b, []byte("\ufeff"))
		r := csv.NewReader(bytes.NewReader(b))
		r.FieldsPerRecord = -1
		recs, err := r.ReadAll()
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		cols := map[string]int{}
		for i, c := range recs[0] {
			cols[c] = i
		}
		for _, rec := range recs[1:] {
			for _, c := range []string{"username", "name", "email", "mailing_address", "goals", "Email", "Username", "IPAddress", "RecipientEmail", "RecipientFirstName", "RecipientLastName", "edx_username", "Q4", "Q5"} {
				i, ok := cols[c]
				if !ok || i >= len(rec) || strings.HasPrefix(rec[i], "{") {
					continue
				}
				if (c == "Q4" || c == "Q5") && len(rec[i]) < 25 {
					continue // short free text ("Thanks!") is not identifying on its own
				}
				add(f+":"+c, rec[i])
			}
		}
	}
	logs, _ := filepath.Glob(filepath.Join(dir, "data", "*", "logs", "*.gz"))
	ipRE := regexp.MustCompile(`"ip": ?"([^"]+)"`)
	userRE := regexp.MustCompile(`"username": ?"([^"]+)"`)
	for _, f := range logs {
		fh, _ := os.Open(f)
		zr, err := gzip.NewReader(fh)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(zr)
		fh.Close()
		for _, m := range ipRE.FindAllSubmatch(b, -1) {
			add("log ip", string(m[1]))
		}
		for _, m := range userRE.FindAllSubmatch(b, -1) {
			add("log username", string(m[1]))
		}
	}
	return secrets
}

// checkNoSecrets reads every output file (and the PDF's extracted text) and
// fails on any personal string found. Scanning every file for each of tens
// of thousands of strings would take minutes, so outputs are split into
// tokens first: a secret can only occur where all its words occur as
// tokens, and only then is the text searched for it.
func checkNoSecrets(t *testing.T, public string, secrets map[string]string) {
	t.Helper()
	texts := map[string]string{}
	tokens := map[string]bool{}
	err := filepath.WalkDir(public, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		text := string(b)
		if strings.HasSuffix(p, ".pdf") {
			text = pdftest.Text(t, p)
		}
		texts[p] = text
		for _, w := range tokenize(text) {
			tokens[w] = true
			tokens[strings.Trim(w, "@._+-")] = true
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for s, kind := range secrets {
		words := tokenize(s)
		all := len(words) > 0
		for _, w := range words {
			all = all && tokens[strings.Trim(w, "@._+-")]
		}
		if !all {
			continue
		}
		for p, text := range texts {
			if strings.Contains(text, s) {
				t.Errorf("%s contains %q (%s)", p, s, kind)
			}
		}
	}
}

// tokenize splits text at anything that cannot be part of a username,
// e-mail address, IP address or word.
func tokenize(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool {
		return !(unicode.IsLetter(r) || unicode.IsDigit(r) || strings.ContainsRune("@._+-", r))
	})
}

// readersNever are words of the tools, not of readers: the study's
// configuration file and its keys and preset names, another platform's
// files, and the tracking log's event names (the README maps the kinds of
// activity to them, for researchers who cite them).
var readersNever = []string{"study.yaml", "OULAD", "studentInfo", "date_unregistration", "edx.course.enrollment",
	"preset", "activity.explored", "activity.exclude", "privacy.publish_text",
	"problem_check", "play_video", "pause_video", "seek_video", "load_video", "seq_goto", "seq_next", "edx.forum", "edx.video", "edx.ui"}

// TestReadersWords: the example's pages speak the readers' words: no
// page but the provenance names the study's configuration file, and an
// edX study's report names no other platform's files nor the tracking
// log's event names.
func TestReadersWords(t *testing.T) {
	dir := copyStudy(t)
	t.Setenv("SOURCE_DATE_EPOCH", epoch)
	if code, _, errOut := moocreport(t, "build", "-no-cache", "-study", filepath.Join(dir, "study.yaml")); code != 0 {
		t.Fatal(errOut)
	}
	pages, _ := filepath.Glob(filepath.Join(dir, "public", "1.0.0", "*.html"))
	if len(pages) < 5 {
		t.Fatalf("only %d pages", len(pages))
	}
	for _, p := range pages {
		if filepath.Base(p) == "provenance.html" {
			continue
		}
		b := readFile(t, p)
		for _, word := range readersNever {
			if bytes.Contains(b, []byte(word)) {
				t.Errorf("%s says %q", filepath.Base(p), word)
			}
		}
	}
}
