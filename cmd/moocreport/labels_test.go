package main

import (
	"bytes"
	"encoding/csv"
	"os"
	"path/filepath"
	"testing"
)

// TestPlantedIdentifiersAreNotLabels plants identifiers where category
// codes and answer options belong (issue 15: a username as gender, an
// e-mail as level of education, a name as enrollment mode, "Other:
// contact me at …" as a single-choice answer) and checks that no output
// file — page, CSV, SVG, PDF, appendix, measures.json — contains any.
func TestPlantedIdentifiersAreNotLabels(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", epoch)
	dir := copyStudy(t)
	profile := filepath.Join(dir, "data", "eat", "NordhavnX_EAT101x_1T2026_student_profile_info_2026-05-11.csv")
	editCSV(t, profile, 0, func(row int, rec []string, col map[string]int) {
		switch row {
		case 1:
			rec[col["gender"]] = "jsmith_planted"
		case 2:
			rec[col["level_of_education"]] = "planted.alice@example.org"
		case 3:
			rec[col["enrollment_mode"]] = "Bob Plantedname"
		}
	})
	survey := filepath.Join(dir, "data", "eat", "EAT101x_pre-course_survey.csv")
	editCSV(t, survey, 2, func(row int, rec []string, col map[string]int) {
		if row == 1 {
			rec[col["Q1"]] = "Other: contact me at planted@y.org"
		}
	})
	if code, out, errOut := moocreport(t, "build", "-appendix", "-study", filepath.Join(dir, "study.yaml")); code != 0 {
		t.Fatalf("build failed: %s%s", out, errOut)
	}
	checkNoSecrets(t, filepath.Join(dir, "public"), map[string]string{
		"jsmith_planted": "gender", "planted.alice@example.org": "level_of_education", "Bob Plantedname": "enrollment_mode",
		"planted@y.org": "survey answer", "Other: contact me at": "survey answer",
	})
	b, err := os.ReadFile(filepath.Join(dir, "public", "1.0.0", "learners.html"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(b, []byte("Other (not listed)")) {
		t.Error("learners.html does not count the planted values as Other (not listed)")
	}
}

// editCSV rewrites a CSV file (keeping a byte-order mark), calling edit on
// each data row, numbered from 1, after skip extra header rows.
func editCSV(t *testing.T, path string, skip int, edit func(row int, rec []string, col map[string]int)) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	bom := bytes.HasPrefix(b, []byte("\ufeff"))
	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(b, []byte("\ufeff"))))
	r.FieldsPerRecord = -1
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, c := range recs[0] {
		col[c] = i
	}
	for i := 1 + skip; i < len(recs); i++ {
		edit(i-skip, recs[i], col)
	}
	var out bytes.Buffer
	if bom {
		out.WriteString("\ufeff")
	}
	w := csv.NewWriter(&out)
	if err := w.WriteAll(recs); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, out.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}
