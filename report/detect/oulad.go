package detect

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"
)

// ouladTables are the seven tables of an OULAD folder and the columns
// each starts with (Kuzilek et al. 2017; report/ingest oulad.go).
var ouladTables = map[string][]string{
	"courses.csv":             {"code_module", "code_presentation", "module_presentation_length"},
	"assessments.csv":         {"code_module", "code_presentation", "id_assessment", "assessment_type", "date", "weight"},
	"vle.csv":                 {"id_site", "code_module", "code_presentation", "activity_type"},
	"studentInfo.csv":         {"code_module", "code_presentation", "id_student", "final_result"},
	"studentRegistration.csv": {"code_module", "code_presentation", "id_student", "date_registration", "date_unregistration"},
	"studentAssessment.csv":   {"id_assessment", "id_student", "date_submitted", "is_banked", "score"},
	"studentVle.csv":          {"code_module", "code_presentation", "id_student", "id_site", "date", "sum_click"},
}

func isOULADTable(name string) bool {
	_, ok := ouladTables[name]
	return ok
}

// OULADFolder recognises a folder of the Open University Learning
// Analytics Dataset: the seven tables, each with its columns. OULAD is
// read as a folder (the oulad source names it), so it is detected by
// folder, not by file; a folder with some tables missing is not taken,
// and the reason is in the Match's Saw.
func OULADFolder(dir string) (Match, bool) {
	found, bad := 0, []string{}
	for name, cols := range ouladTables {
		s, err := ReadSample(filepath.Join(dir, name))
		if err != nil {
			continue
		}
		found++
		rows, _ := s.Rows()
		if len(rows) == 0 || !hasAll(rows[0], cols) {
			bad = append(bad, name)
		}
	}
	if found < 4 {
		return Match{}, false
	}
	slices.Sort(bad)
	if found < len(ouladTables) || len(bad) > 0 {
		return Match{Saw: fmt.Sprintf("%d of the 7 OULAD tables, %d with other columns (%s)", found, len(bad), strings.Join(bad, ", "))}, false
	}
	return Match{Kind: Source, Format: "oulad", Confidence: 1,
		Saw: "OULAD folder: the seven tables courses, assessments, vle, studentInfo, studentRegistration, studentAssessment, studentVle"}, true
}

func hasAll(header, cols []string) bool {
	for _, c := range cols {
		if !slices.Contains(header, c) {
			return false
		}
	}
	return true
}
