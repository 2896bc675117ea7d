package ingest

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/moocreport/moocreport/report"
	"github.com/moocreport/moocreport/report/study"
)

// column is the export column of question q: its Column when given (a
// Google Forms header is the whole question text), else its id.
func column(q study.Question) string {
	if q.Column != "" {
		return q.Column
	}
	return q.ID
}

// ReadLimeSurvey reads a LimeSurvey CSV export ("question code" headers:
// id, submitdate, lastpage, startlanguage, …, then Q1, Q2[SQ001], …) of
// survey sv for course c. A response is finished when submitdate is set:
// LimeSurvey leaves it empty for incomplete responses.
func ReadLimeSurvey(r io.Reader, file string, sv study.Survey, c *Course) ([]report.Response, error) {
	t, err := newSurveyTable(r, file, sv.Delimiter, c.Limits)
	if err != nil {
		return nil, err
	}
	return readFlatSurvey(t, sv, c, "submitdate", func(s string) (bool, error) { return strings.TrimSpace(s) != "", nil })
}

// ReadCSVSurvey reads any one-header-row survey CSV (Google Forms,
// SurveyMonkey's "condensed" export, Moodle, FutureLearn, Coursera) of
// survey sv for course c. Questions name their columns (Question.Column or
// ID); sv.FinishedColumn, when given, says which responses were completed.
func ReadCSVSurvey(r io.Reader, file string, sv study.Survey, c *Course) ([]report.Response, error) {
	t, err := newSurveyTable(r, file, sv.Delimiter, c.Limits)
	if err != nil {
		return nil, err
	}
	return readFlatSurvey(t, sv, c, sv.FinishedColumn, parseFinished)
}

// parseFinished reads a yes/no cell in the spellings survey tools use.
func parseFinished(s string) (bool, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "true", "yes", "1", "y", "complete", "completed":
		return true, nil
	case "false", "no", "0", "n", "", "incomplete", "partial":
		return false, nil
	}
	return false, fmt.Errorf("want True/False, Yes/No or 1/0, got %q", s)
}

// readFlatSurvey reads the rows after a single header row. finishedCol ""
// means every row is a finished response. Like ReadQualtrics it copies only
// declared, non-text answers, links by sv.IDColumn and sv.IDType and keeps
// every row.
func readFlatSurvey(t *table, sv study.Survey, c *Course, finishedCol string, finished func(string) (bool, error)) ([]report.Response, error) {
	if err := t.readHeader(); err != nil {
		return nil, err
	}
	col := map[string]int{}
	var errs []error
	need := func(name string) {
		if _, ok := col[name]; ok {
			return
		}
		i, err := t.column(name)
		if err != nil {
			errs = append(errs, err)
			return
		}
		col[name] = i
	}
	if finishedCol != "" {
		need(finishedCol)
	}
	if sv.IDColumn != "" {
		need(sv.IDColumn)
	}
	keep := answerColumns(sv, c, need)
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	var out []report.Response
	for rec, err := range t.rows() {
		if err != nil {
			return nil, err
		}
		resp := report.Response{Instrument: sv.Key, Course: c.Key, Finished: true}
		if finishedCol != "" {
			i := col[finishedCol]
			if resp.Finished, err = finished(rec[i]); err != nil {
				return nil, t.fieldErr(i, err)
			}
		}
		c.fillResponse(&resp, rec, col, sv, keep)
		out = append(out, resp)
	}
	return out, nil
}

// answerColumn is a survey question whose answers a reader keeps.
type answerColumn struct {
	id, col string
	text    bool // free text: kept only when the study publishes it, redacted
}

// answerColumns asks need for every declared question's column and lists
// those whose answers are kept: every non-text question, and text
// questions only when the study publishes free text.
func answerColumns(sv study.Survey, c *Course, need func(string)) []answerColumn {
	var keep []answerColumn
	for _, q := range sv.Questions {
		need(column(q))
		if q.Type != "text" || c.PublishText {
			keep = append(keep, answerColumn{q.ID, column(q), q.Type == "text"})
		}
	}
	return keep
}

// fillResponse links a response to its learner through the survey's id
// column (by its id type; a finished response is counted in the survey's
// Linkage) and copies the kept answers of one record, redacting free text.
func (c *Course) fillResponse(resp *report.Response, rec []string, col map[string]int, sv study.Survey, keep []answerColumn) {
	if sv.IDColumn != "" {
		v := rec[col[sv.IDColumn]]
		uid, ok := c.linkLearner(v, sv.IDType)
		if ok {
			resp.Learner = c.pseudonym(uid)
		}
		if resp.Finished {
			c.countLink(sv.Key, v, ok)
		}
	}
	for _, k := range keep {
		a := rec[col[k.col]]
		if a == "" {
			continue
		}
		if resp.Answers == nil {
			resp.Answers = make(map[string]string, len(keep))
		}
		if k.text {
			a = c.redact.Redact(a)
		}
		resp.Answers[k.id] = a
	}
}
