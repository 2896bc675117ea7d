package measures

import (
	"fmt"
	"sort"
	"strings"

	"github.com/moocreport/moocreport/report"
)

// freeTextDefinition defines the published free-text answers, once, in
// Methods and definitions.
const freeTextDefinition = `Free-text answers, published because the study chose to publish them. Before they left the raw files, e-mail addresses (also written with "(at)" or "[dot]"), web addresses, IP addresses, phone numbers, every username or part of a name of the course's learners (also typed without accents or with hidden characters) and names a writer introduced ("my name is …") were replaced by [e-mail], [URL], [IP address], [phone] and [name]; a name that is also a common English word, such as "Will", was replaced only where it plainly stands for a name. Answers are sorted alphabetically, so their order says nothing about who wrote them; a learner's first response counts.`

// freeText lists the answers to free-text questions, only when the study
// opted in; ingest has already redacted them.
func (c *computer) freeText() error {
	if !c.s.Privacy.PublishText {
		return nil
	}
	var blocks []report.Block
	for _, sv := range c.s.Surveys {
		first := c.firstResponses(sv.Course, sv.Key)
		for _, q := range sv.Questions {
			if q.Type != "text" {
				continue
			}
			var answers []string
			for _, r := range first {
				if a := strings.TrimSpace(r.Answers[q.ID]); a != "" {
					answers = append(answers, a)
				}
			}
			id := fmt.Sprintf("%s.%s.%s.answers", sv.Course, sv.Key, strings.ToLower(q.ID))
			n := c.count(id, sv.Course, q.Label+": free-text answers", len(answers), freeTextDefinition)
			if n.Withheld != "" || len(answers) == 0 {
				continue // a handful of answers could be told apart by who was there
			}
			sort.Strings(answers)
			t := &report.Table{ID: fmt.Sprintf("surveys-text-%s-%s-%s", sv.Course, sv.Key, strings.ToLower(q.ID)),
				Title:   fmt.Sprintf("%s, %s: %s", c.courseName(sv.Course), sv.Title, q.Label),
				Columns: []string{"Answer"}, DefinedIn: freeTextTerm}
			for _, a := range answers {
				t.Rows = append(t.Rows, []report.Cell{textCell(a)})
			}
			blocks = append(blocks, report.Block{Table: t})
		}
	}
	if len(blocks) > 0 {
		c.part("free-text", append([]report.Block{{Markdown: "The study publishes free-text answers. They were redacted as they were read: e-mail addresses, URLs, phone numbers and learners' names and usernames are replaced by placeholders."}}, blocks...)...)
	}
	return nil
}
