package scaffold

import (
	"bytes"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/moocreport/moocreport/report/study"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file (run with -update and review the diff)", path)
	}
}

// TestExample proposes a study for the example's data/ and checks it
// against the example's own, hand-written study.yaml: same courses (id,
// start, weeks, pass mark, role), and for every survey the same linking
// column and every question with its type.
func TestExample(t *testing.T) {
	p, err := Inspect(Options{Exports: "../../data", StudyDir: "../..", Salt: "test-salt"})
	if err != nil {
		t.Fatal(err)
	}
	y := p.YAML()
	golden(t, "example.study.yaml", y)
	got, err := study.Parse("../../study.yaml", y)
	if err != nil {
		t.Fatalf("proposed study.yaml is not valid:\n%v", err)
	}
	want, err := study.Load("../../study.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Courses) != len(want.Courses) {
		t.Fatalf("%d courses, want %d", len(got.Courses), len(want.Courses))
	}
	keyOf := map[string]string{} // example key → proposed key
	for _, w := range want.Courses {
		for _, g := range got.Courses {
			if g.CourseID != w.CourseID {
				continue
			}
			keyOf[w.Key] = g.Key
			if !g.Start.Equal(w.Start.Time) || g.Weeks != w.Weeks || g.PassMark != w.PassMark || g.Role != w.Role {
				t.Errorf("%s: start %s, %d weeks, pass %g, %s; want %s, %d, %g, %s", g.CourseID, g.Start.Format("2006-01-02"), g.Weeks, g.PassMark, g.Role,
					w.Start.Format("2006-01-02"), w.Weeks, w.PassMark, w.Role)
			}
			if len(g.Sources) != len(w.Sources) {
				t.Errorf("%s: %d sources, want %d", g.CourseID, len(g.Sources), len(w.Sources))
			}
		}
	}
	for _, w := range want.Surveys {
		var g *study.Survey
		for i := range got.Surveys {
			if got.Surveys[i].Path == w.Path {
				g = &got.Surveys[i]
			}
		}
		if g == nil {
			t.Errorf("survey %s not proposed", w.Path)
			continue
		}
		if g.Key != w.Key || g.Course != keyOf[w.Course] || g.IDColumn != w.IDColumn || g.Format != w.Format {
			t.Errorf("%s: key %s, course %s, id_column %s, format %s; want %s, %s, %s, %s", w.Path, g.Key, g.Course, g.IDColumn, g.Format, w.Key, keyOf[w.Course], w.IDColumn, w.Format)
		}
		types := map[string]string{}
		for _, q := range g.Questions {
			types[q.ID] = q.Type
		}
		if len(g.Questions) != len(w.Questions) {
			t.Errorf("%s: %d questions, want %d", w.Path, len(g.Questions), len(w.Questions))
		}
		for _, q := range w.Questions {
			if types[q.ID] != q.Type {
				t.Errorf("%s %s: type %q, want %q", w.Path, q.ID, types[q.ID], q.Type)
			}
		}
	}
	if len(got.Comparisons) != len(want.Comparisons) {
		t.Errorf("%d comparisons, want %d as the example has", len(got.Comparisons), len(want.Comparisons))
	}
}

// TestTiny proposes a study for ingest's tiny fixture (a problem grade
// report, plain and gzipped logs with other courses' events) twice, and
// checks it is valid and the same both times.
func TestTiny(t *testing.T) {
	opt := Options{Exports: "../ingest/testdata/tiny", StudyDir: "../ingest/testdata/tiny", Salt: "s"}
	a, err := Inspect(opt)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := Inspect(opt)
	if !bytes.Equal(a.YAML(), b.YAML()) {
		t.Error("two runs on the same exports differ")
	}
	s, err := study.Parse("tiny/study.yaml", a.YAML())
	if err != nil {
		t.Fatalf("not valid:\n%v\n%s", err, a.YAML())
	}
	formats := map[string]bool{}
	for _, c := range s.Courses {
		for _, src := range c.Sources {
			formats[src.Format] = true
		}
	}
	for _, f := range []string{"edx-profile", "edx-grades", "edx-problem-grades", "edx-tracking"} {
		if !formats[f] {
			t.Errorf("no %s source in\n%s", f, a.YAML())
		}
	}
	// The fixture's own study.yaml is not an export.
	if un := a.Unrecognised(); len(un) != 1 || un[0].Path != "study.yaml" {
		t.Errorf("unrecognised %+v, want study.yaml alone", un)
	}
}

// TestQualtricsDefinition reads a QualtricsTools survey whose .qsf lies
// beside the export: a single-answer matrix's rows are Likert items on the
// matrix's scale points in display order, labelled by their statements;
// a select-all question exported one column per option is one single
// column per option.
func TestQualtricsDefinition(t *testing.T) {
	dir := filepath.Join("..", "..", "..", "shared", "realdata", "qualtrics-QualtricsTools")
	if _, err := os.Stat(dir); err != nil {
		t.Fatalf("conformance data missing: %v", err)
	}
	p, err := Inspect(Options{Exports: filepath.Join(dir, "Single Answer Matrix Questions"), StudyDir: ".", Salt: "s"})
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Surveys) != 2 {
		t.Fatalf("%d surveys, want the 2 exports", len(p.Surveys))
	}
	var q *Question
	for _, x := range p.Surveys[0].Questions {
		if x.ID == "Q2_1" {
			q = x
		}
	}
	if q == nil || q.Type != "likert" || q.Label != "Click to write Statement 1" {
		t.Fatalf("Q2_1 = %+v, want a likert item labelled by its statement", q)
	}
	// Single_Answer_Matrix_Questions.qsf, QID of export tag Q2: Answers
	// 1–4 "Click to write Scale point 1" … "4", AnswerOrder [1, 2, 3, 4].
	labels := p.scaleByKey(q.Scale).Labels
	if strings.Join(labels, "|") != "Click to write Scale point 1|Click to write Scale point 2|Click to write Scale point 3|Click to write Scale point 4" {
		t.Errorf("scale %s labels %q", q.Scale, labels)
	}
	p, err = Inspect(Options{Exports: filepath.Join(dir, "Multiple Answer Multiple Choices Questions"), StudyDir: ".", Salt: "s"})
	if err != nil {
		t.Fatal(err)
	}
	for _, sv := range p.Surveys {
		for _, x := range sv.Questions {
			if strings.HasPrefix(x.ID, "Q2_") && x.Type != "single" {
				t.Errorf("%s %s: %s, want single (one column per option of a select-all question)", sv.Path, x.ID, x.Type)
			}
		}
	}
}

func TestGuessType(t *testing.T) {
	cases := []struct {
		name, id, text string
		answers        []string
		want           string
	}{
		{"agreement labels", "Q4_1", "…", []string{"Agree", "Strongly agree", "Disagree"}, "likert"},
		{"frequency labels, any case", "Q7", "…", []string{"never", "Often", "Always"}, "likert"},
		{"select all in the text", "Q3", "Why? (Select all that apply.)", []string{"A", "B"}, "multi"},
		{"options joined by commas", "Q3", "Why?", []string{"A,B", "B,C", "A", "C,A"}, "multi"},
		{"numbers", "Q3", "Hours?", []string{"2", "4.5", "10"}, "numeric"},
		{"few choices", "Q1", "Status?", []string{"Student", "Employed", "Student", "Retired"}, "single"},
		{"long answers", "Q9", "Comments?", []string{"I liked the course a lot, especially the second week's videos."}, "text"},
		{"text entry column", "Q6_TEXT", "Other", []string{"x"}, "text"},
		{"no answers", "Q1", "Status?", nil, "single"},
		{"every answer different", "Q8", "Your tutor?", []string{"ana_s", "bo77", "chen.l"}, "text"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if g := guessType(c.id, c.text, c.answers); g.typ != c.want {
				t.Errorf("%s (%s), want %s", g.typ, g.saw, c.want)
			}
		})
	}
}

// TestWrite writes a study, keeps an author's existing content file and
// .gitignore lines, and refuses to write a second study.yaml.
func TestWrite(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "content"), 0o755)
	os.WriteFile(filepath.Join(dir, "content", "introduction.md"), []byte("# Mine\n"), 0o644)
	os.WriteFile(filepath.Join(dir, ".gitignore"), []byte("/public/\n*.tmp"), 0o644)
	p, err := Inspect(Options{Exports: "../ingest/testdata/tiny", StudyDir: dir, Salt: "s"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.Write(); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "content", "introduction.md")); string(b) != "# Mine\n" {
		t.Errorf("existing content file replaced: %q", b)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "content", "learners.md")); !strings.HasPrefix(string(b), "# Learners\n") {
		t.Errorf("learners stub %q", b)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, ".gitignore")); string(b) != "/public/\n*.tmp\n# moocreport: the published site and the build cache\n/.moocreport-cache/\n" {
		t.Errorf(".gitignore %q", b)
	}
	s, err := study.Load(filepath.Join(dir, "study.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if s.Courses[0].Sources[0].Path[:len("../")] != "../" {
		t.Errorf("source path %q not relative to the study", s.Courses[0].Sources[0].Path)
	}
	if _, err := p.Write(); !errors.Is(err, ErrStudyExists) {
		t.Errorf("second write: %v, want ErrStudyExists", err)
	}
}

// TestSurveyFormats proposes the surveys of ingest's survey fixtures
// (Google Forms, LimeSurvey, a UTF-16 tab-separated Qualtrics export):
// each in its format, identifying columns never declared as questions.
func TestSurveyFormats(t *testing.T) {
	p, err := Inspect(Options{Exports: "../ingest/testdata/surveys", StudyDir: ".", Salt: "s"})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]*Survey{}
	for _, sv := range p.Surveys {
		got[filepath.Base(sv.Path)] = sv
	}
	for file, format := range map[string]string{"google_forms.csv": "csv", "limesurvey.csv": "limesurvey", "qualtrics_utf16.tsv": "qualtrics"} {
		sv := got[file]
		if sv == nil || sv.Format != format {
			t.Errorf("%s: %+v, want format %s", file, sv, format)
			continue
		}
		if len(sv.Questions) == 0 {
			t.Errorf("%s: no questions", file)
		}
		for _, q := range sv.Questions {
			if personal.MatchString(q.Label) || personal.MatchString(q.Column) {
				t.Errorf("%s: identifying column %q declared as a question", file, q.Label)
			}
		}
	}
	if sv := got["google_forms.csv"]; sv != nil && sv.FinishedColumn != "Completed" {
		t.Errorf("google_forms.csv: finished column %q, want Completed", sv.FinishedColumn)
	}
}
