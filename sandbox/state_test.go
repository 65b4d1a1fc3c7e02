package sandbox

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestStateFile(t *testing.T) {
	file := filepath.Join(t.TempDir(), "sandbox.json")
	if info, err := readState(file); info != nil || err != nil {
		t.Fatalf("readState(missing) = %v, %v; want nil, nil", info, err)
	}
	want := &Info{PID: 42, Endpoint: "http://127.0.0.1:1234", DNSAddr: "127.0.0.1:5353",
		StartedAt: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC), Speed: 10, Version: "drydock v1", DataDir: "/d"}
	if err := writeState(file, want); err != nil {
		t.Fatal(err)
	}
	got, err := readState(file)
	if err != nil {
		t.Fatal(err)
	}
	if *got != *want {
		t.Errorf("readState = %+v; want %+v", got, want)
	}
	if entries, _ := os.ReadDir(filepath.Dir(file)); len(entries) != 1 {
		t.Errorf("writeState left %d files; want only sandbox.json", len(entries))
	}

	// Another pid's exit leaves the file alone; its own pid's removes it.
	if err := removeState(file, 7); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(file); err != nil {
		t.Fatalf("removeState(other pid) removed the file: %v", err)
	}
	if err := removeState(file, 42); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(file); !os.IsNotExist(err) {
		t.Fatalf("removeState(own pid) left the file: %v", err)
	}
	if err := removeState(file, 0); err != nil {
		t.Errorf("removeState(missing) = %v; want nil", err)
	}
}

func TestStateFileInvalid(t *testing.T) {
	for name, content := range map[string]string{
		"not json":    "{",
		"no pid":      `{"endpoint":"http://127.0.0.1:1"}`,
		"no endpoint": `{"pid":12}`,
	} {
		t.Run(name, func(t *testing.T) {
			file := filepath.Join(t.TempDir(), "sandbox.json")
			if err := os.WriteFile(file, []byte(content), 0o600); err != nil {
				t.Fatal(err)
			}
			_, err := readState(file)
			if err == nil || !strings.Contains(err.Error(), "remove it if no sandbox runs") {
				t.Errorf("readState = %v; want an error saying what to do", err)
			}
		})
	}
}
