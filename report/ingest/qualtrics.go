package ingest

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/moocreport/moocreport/report"
	"github.com/moocreport/moocreport/report/study"
)

// ReadQualtrics reads a Qualtrics CSV export (docs/formats.md, qualtrics)
// of survey sv for course c.
//
// The file may be UTF-8 (with or without BOM) or UTF-16, comma- or
// tab-separated (Qualtrics' "Excel" UTF-16 export uses tabs), and hold
// "choice text" or "numeric values": answers are kept as exported.
//
// Both export layouts are accepted: the current one with three header rows
// (column ids, question texts, ImportId JSON) and the legacy one with two
// (V1…Vn ids, then labels), told apart by whether the third row is ImportId
// JSON. In the legacy layout a Vn column is known by its label
// ("Finished", "IPAddress", …).
//
// Only the declared questions that are not free text are copied into
// Answers, and only when answered (an empty cell is no answer): free text
// and the identifying columns (IP address, names, e-mail, location) never
// leave ingest. The sv.IDColumn value, of type sv.IDType (username by
// default), links a response to a learner of c; an unknown or empty value
// leaves Learner "" (see linkage.go). Every row is kept, even a
// learner's second response to the same instrument: deciding which one
// counts is a measure's job, and the count of duplicates is itself a
// data-quality figure.
func ReadQualtrics(r io.Reader, file string, sv study.Survey, c *Course) ([]report.Response, error) {
	t, err := newSurveyTable(r, file, sv.Delimiter, c.Limits)
	if err != nil {
		return nil, err
	}
	if err := t.readHeader(); err != nil {
		return nil, err
	}
	texts, err := t.read()
	if err == io.EOF {
		return nil, &ParseError{File: file, Line: 2, Err: errors.New("want a second header row (question texts)")}
	}
	if err != nil {
		return nil, err
	}
	texts = append([]string(nil), texts...)
	first, err := t.read()
	if err != nil && err != io.EOF {
		return nil, err
	}
	pending := err == nil
	if pending && isImportIDRow(first) {
		pending = false
	} else {
		renameLegacy(t, texts)
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
		for j := i + 1; j < len(t.header); j++ {
			if t.header[j] == name {
				errs = append(errs, &ParseError{File: file, Line: 1, Field: columnField(name), Err: fmt.Errorf("%w column", ErrDuplicate)})
				return
			}
		}
		col[name] = i
	}
	need("Finished")
	if sv.IDColumn != "" {
		need(sv.IDColumn)
	}
	keep := answerColumns(sv, c, need)
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}

	var out []report.Response
	add := func(rec []string) error {
		resp, err := qualtricsResponse(t, rec, col, sv, c, keep)
		out = append(out, resp)
		return err
	}
	if pending { // a legacy export's first response, read to tell the layouts apart
		if err := add(first); err != nil {
			return nil, err
		}
	}
	for rec, err := range t.rows() {
		if err == nil {
			err = add(rec)
		}
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

// qualtricsResponse reads the response in rec, the row t read last.
func qualtricsResponse(t *table, rec []string, col map[string]int, sv study.Survey, c *Course, keep []answerColumn) (report.Response, error) {
	resp := report.Response{Instrument: sv.Key, Course: c.Key}
	switch f := col["Finished"]; rec[f] {
	case "True", "true", "1":
		resp.Finished = true
	case "False", "false", "0", "":
	default:
		return resp, t.fieldErr(f, fmt.Errorf("want True, False, 1 or 0, got %q", rec[f]))
	}
	c.fillResponse(&resp, rec, col, sv, keep)
	return resp, nil
}

// isImportIDRow tells the third header row of a current export
// ({"ImportId":"QID1"} in every column) from a legacy export's first
// response.
func isImportIDRow(rec []string) bool {
	for _, cell := range rec {
		if cell == "" {
			continue
		}
		var v struct {
			ImportID *string `json:"ImportId"`
		}
		return strings.HasPrefix(cell, "{") && json.Unmarshal([]byte(cell), &v) == nil && v.ImportID != nil
	}
	return false
}

// legacyID is a legacy export's column name, V1…Vn.
func legacyID(id string) bool {
	if len(id) < 2 || id[0] != 'V' {
		return false
	}
	return isDigits(id[1:])
}

// renameLegacy names the legacy export's V1…Vn columns by their label in
// the second row, so "Finished" is found under its own name.
func renameLegacy(t *table, texts []string) {
	h := append([]string(nil), t.header...)
	for i, id := range h {
		if legacyID(id) && i < len(texts) && texts[i] != "" {
			h[i] = texts[i]
		}
	}
	t.setHeader(h)
}
