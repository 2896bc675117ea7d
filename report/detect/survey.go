package detect

import (
	"fmt"
	"regexp"
	"strings"
)

// qualtricsMeta are the columns Qualtrics puts before and after the
// questions, in the current export (row 1) or, in the legacy one, as the
// labels of V1…Vn (row 2).
var qualtricsMeta = map[string]bool{
	"StartDate": true, "EndDate": true, "Status": true, "IPAddress": true, "Progress": true, "Duration (in seconds)": true,
	"Finished": true, "RecordedDate": true, "ResponseId": true, "ResponseID": true, "ResponseSet": true, "Name": true,
	"ExternalReference": true, "ExternalDataReference": true, "DistributionChannel": true, "UserLanguage": true,
	"RecipientEmail": true, "RecipientLastName": true, "RecipientFirstName": true, "EmailAddress": true,
	"LocationLatitude": true, "LocationLongitude": true, "LocationAccuracy": true,
}

// QualtricsMeta reports whether a column is one of Qualtrics' own
// (response metadata, not a question).
func QualtricsMeta(col string) bool { return qualtricsMeta[col] }

// limeSurveyColumns start every LimeSurvey response export.
var limeSurveyColumns = []string{"id", "submitdate", "lastpage", "startlanguage"}

var (
	legacyV   = regexp.MustCompile(`^V[0-9]+$`)
	importID  = regexp.MustCompile(`^\{\s*["']ImportId["']\s*:`)
	timestamp = regexp.MustCompile(`(?i)^(timestamp|zeitstempel|horodateur|marca temporal|start time|completion time|submitted|date submitted|submitted on|respondent id|start date|end date)$`)
)

// ImportIDRow reports whether a row is the ImportId row of a current
// Qualtrics export ({"ImportId":"QID1"}; QualtricsTools' exports write it
// with single quotes).
func ImportIDRow(row []string) bool {
	for _, c := range row {
		if c != "" {
			return importID.MatchString(c)
		}
	}
	return false
}

// SurveyExport recognises survey exports: Qualtrics (three header rows
// with ImportId JSON, the legacy two rows with V1…Vn, or two rows without
// either), LimeSurvey's response export, and other one-header-row survey
// tables (Google Forms, SurveyMonkey, …) told by a timestamp or
// respondent column or question-like headers. UTF-16, a BOM and tabs or
// semicolons are all decoded before.
func SurveyExport(s *Sample) Match {
	rows, comma := s.Rows()
	if len(rows) == 0 || len(rows[0]) < 2 {
		return Match{}
	}
	if m := qualtricsExport(rows); m.Confidence > 0 {
		m.Saw += fmt.Sprintf(" (%s, %s-separated)", s.Encoding, delimName(comma))
		return m
	}
	if hasAll(rows[0], limeSurveyColumns) {
		return Match{Kind: Survey, Format: "limesurvey", Confidence: 0.9,
			Saw: fmt.Sprintf("LimeSurvey response export: header starts %s", list(rows[0], 5))}
	}
	return csvSurvey(rows, comma)
}

func qualtricsExport(rows [][]string) Match {
	markers := func(row []string) int {
		n := 0
		for _, c := range row {
			if qualtricsMeta[strings.TrimSpace(c)] {
				n++
			}
		}
		return n
	}
	h := rows[0]
	legacy := len(h) > 0 && legacyV.MatchString(h[0])
	n := markers(h)
	if legacy && len(rows) > 1 {
		n = markers(rows[1])
	}
	if n < 4 {
		return Match{}
	}
	layout := "2-row"
	switch {
	case len(rows) > 2 && ImportIDRow(rows[2]):
		layout = "3-row"
	case legacy:
		layout = "legacy 2-row"
	}
	finished := false
	for _, c := range h {
		finished = finished || c == "Finished"
	}
	if legacy && len(rows) > 1 {
		for _, c := range rows[1] {
			finished = finished || c == "Finished"
		}
	}
	m := Match{Kind: Survey, Format: "qualtrics", Layout: layout, Confidence: 0.95,
		Saw: fmt.Sprintf("Qualtrics export, %s header, %d Qualtrics columns", layout, n)}
	if !finished {
		m.Confidence = 0.7
		m.Saw += ", but no Finished column"
	}
	return m
}

func csvSurvey(rows [][]string, comma rune) Match {
	h := rows[0]
	stamp, questions := "", 0
	for _, c := range h {
		c = strings.TrimSpace(c)
		if timestamp.MatchString(c) && stamp == "" {
			stamp = c
		}
		if strings.HasSuffix(c, "?") || (len(c) > 25 && strings.Contains(c, " ")) {
			questions++
		}
	}
	if stamp == "" && questions == 0 || len(rows) < 2 {
		return Match{}
	}
	for _, r := range rows[1:] {
		if len(r) != len(h) {
			return Match{}
		}
	}
	c := 0.6
	if stamp != "" && questions > 0 {
		c = 0.8
	}
	why := fmt.Sprintf("%d question-like columns", questions)
	if stamp != "" {
		why = fmt.Sprintf("a %q column and %s", stamp, why)
	}
	return Match{Kind: Survey, Format: "csv", Confidence: c,
		Saw: fmt.Sprintf("survey table (%s-separated, one header row): %s", delimName(comma), why)}
}

var qsfName = regexp.MustCompile(`"SurveyName"\s*:\s*"((?:[^"\\]|\\.)*)"`)

// QualtricsDefinition recognises a Qualtrics survey definition (.qsf:
// JSON with SurveyEntry and SurveyElements), which init reads beside the
// export for question types and the display order of answer choices.
func QualtricsDefinition(s *Sample) Match {
	t := string(s.Text)
	if !strings.HasPrefix(strings.TrimSpace(t), "{") || !strings.Contains(t, `"SurveyEntry"`) {
		return Match{}
	}
	name := ""
	if m := qsfName.FindStringSubmatch(t); m != nil {
		name = m[1]
	}
	return Match{Kind: Definition, Format: "qsf", Confidence: 0.95, Saw: fmt.Sprintf("Qualtrics survey definition %q", name)}
}
