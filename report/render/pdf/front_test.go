package pdf

import "testing"

func TestCitation(t *testing.T) {
	tests := []struct {
		name    string
		authors []string
		version string
		want    string
	}{
		{"one author", []string{"Åsa Lindqvist"}, "1.0", "Åsa Lindqvist (2024). A Study (version 1.0). moocreport."},
		{"two authors", []string{"A. Author", "B. Author"}, "1.0", "A. Author & B. Author (2024). A Study (version 1.0). moocreport."},
		{"three authors", []string{"A", "B", "C"}, "2.1", "A, B & C (2024). A Study (version 2.1). moocreport."},
		{"no authors", nil, "1.0", "(2024). A Study (version 1.0). moocreport."},
		{"no version", []string{"A"}, "", "A (2024). A Study. moocreport."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := citation(tt.authors, 2024, "A Study", tt.version); got != tt.want {
				t.Errorf("citation = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestPageSize(t *testing.T) {
	tests := []struct{ in, want string }{{"", "A4"}, {"A4", "A4"}, {"a4", "A4"}, {"Letter", "Letter"}, {"LETTER", "Letter"}}
	for _, tt := range tests {
		if got, err := pageSize(tt.in); err != nil || got != tt.want {
			t.Errorf("pageSize(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
		}
	}
	if _, err := pageSize("A5"); err == nil {
		t.Error(`pageSize("A5") succeeded, want an error`)
	}
}

func TestTextString(t *testing.T) {
	if got, want := textString("å.json"), "<FEFF00E5002E006A0073006F006E>"; got != want {
		t.Errorf("textString = %s, want %s", got, want)
	}
	if got, want := asciiString("å.csv"), "<5F2E637376>"; got != want {
		t.Errorf("asciiString = %s, want %s", got, want)
	}
}
