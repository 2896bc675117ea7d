package scaffold

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/moocreport/moocreport/report/narrative"
	"github.com/moocreport/moocreport/report/study"
)

// ErrStudyExists is returned when StudyDir already holds a study.yaml:
// init never overwrites one.
var ErrStudyExists = errors.New("study.yaml already exists")

// gitignored are the folders a study's repository should not hold: the
// published site and the build cache.
var gitignored = []string{"/public/", "/.moocreport-cache/"}

// sectionHints say what each section's narrative is for. They are written
// inside an HTML comment, which neither the site nor the PDF shows.
var sectionHints = map[string]string{
	"introduction": "What the course is, why it was studied, and the questions the report answers.",
	"learners":     "Who enrolled: what stands out in the profile, and how it compares with the baseline.",
	"activity":     "How active learners were, week by week, and what explains the pattern.",
	"performance":  "Grades, passing and certificates, by enrolment track.",
	"surveys":      "What the surveys asked, who answered, and what their answers say.",
	"comparisons":  "What the tests show, and what they do not.",
	"methods":      "Anything about how the data were collected that readers should know; the definitions are generated.",
	"data-quality": "Known problems of the exports beyond those counted here.",
	"disclosure":   "Any further disclosure rules the study followed.",
	"provenance":   "Where the exports came from and who approved their use.",
}

// Write writes the plan into its StudyDir: study.yaml (refusing to replace
// one), a content/ stub per section that has none, and a .gitignore
// listing public/ and the cache. It returns the files written.
func (p *Plan) Write() ([]string, error) {
	dir := p.opt.StudyDir
	file := filepath.Join(dir, "study.yaml")
	if _, err := os.Stat(file); err == nil {
		return nil, fmt.Errorf("%s: %w; init never replaces a study (move it away, or run init in an empty folder)", file, ErrStudyExists)
	} else if !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	if err := os.WriteFile(file, p.YAML(), 0o644); err != nil {
		return nil, err
	}
	written := []string{"study.yaml"}
	if err := os.MkdirAll(filepath.Join(dir, "content"), 0o755); err != nil {
		return written, err
	}
	for _, id := range study.DefaultOutline {
		if id == "summary" {
			// No stub: the key findings are generated, and a narrative
			// file would take their text over (see the README).
			continue
		}
		name := filepath.Join(dir, "content", id+".md")
		if _, err := os.Stat(name); err == nil {
			continue
		}
		stub := fmt.Sprintf("# %s\n\n<!-- %s Write in Markdown; computed results go in with shortcodes (see the README, \"Narrative and shortcodes\"). This comment is not published. -->\n", narrative.Titles[id], sectionHints[id])
		if err := os.WriteFile(name, []byte(stub), 0o644); err != nil {
			return written, err
		}
		written = append(written, "content/"+id+".md")
	}
	if ok, err := p.gitignore(filepath.Join(dir, ".gitignore")); err != nil {
		return written, err
	} else if ok {
		written = append(written, ".gitignore")
	}
	return written, nil
}

// gitignore adds the ignored folders a .gitignore lacks.
func (p *Plan) gitignore(name string) (bool, error) {
	old, err := os.ReadFile(name)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return false, err
	}
	var add []string
	for _, g := range gitignored {
		if !strings.Contains("\n"+string(old)+"\n", "\n"+g+"\n") {
			add = append(add, g)
		}
	}
	if len(add) == 0 {
		return false, nil
	}
	text := string(old)
	if text != "" && !strings.HasSuffix(text, "\n") {
		text += "\n"
	}
	text += "# moocreport: the published site and the build cache\n" + strings.Join(add, "\n") + "\n"
	return true, os.WriteFile(name, []byte(text), 0o644)
}
