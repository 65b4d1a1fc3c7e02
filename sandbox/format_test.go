package sandbox

import (
	"encoding/json"
	"strings"
	"testing"
	"time"
)

func runningState() *State {
	return &State{
		Running: true, Home: "/h", PID: 4242, Endpoint: "http://127.0.0.1:4566", DNSAddr: "127.0.0.1:5353",
		StartedAt: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC), Uptime: "1m30s", Speed: 10,
		Version: "drydock v1", DataDir: "/h/sandbox/state", Services: []string{"s3", "sts"},
		Accounts: []string{"123456789012"}, Clusters: []string{"a.example.com", "b.example.com"},
	}
}

func TestWriteStatusTable(t *testing.T) {
	var b strings.Builder
	if err := WriteStatus(&b, runningState(), "table"); err != nil {
		t.Fatal(err)
	}
	want := `STATUS       running
ENDPOINT     http://127.0.0.1:4566
DNS          127.0.0.1:5353 (udp, tcp)
PID          4242
UPTIME       1m30s
SPEED        10x real time
ACCOUNTS     123456789012
STATE STORE  s3://drydock-state-123456789012
CLUSTERS     a.example.com, b.example.com
DATA         /h/sandbox/state
VERSION      drydock v1

Use it from your shell with: eval "$(drydock sandbox env)"
`
	if b.String() != want {
		t.Errorf("table:\n%s\nwant:\n%s", b.String(), want)
	}
}

func TestWriteStatusNotRunning(t *testing.T) {
	for _, format := range []string{"", "table"} {
		var b strings.Builder
		if err := WriteStatus(&b, &State{Home: "/h", Clusters: []string{}}, format); err != nil {
			t.Fatal(err)
		}
		if want := "sandbox is not running; start it with: drydock sandbox up\n"; b.String() != want {
			t.Errorf("format %q: %q; want %q", format, b.String(), want)
		}
	}
}

func TestWriteStatusJSON(t *testing.T) {
	var b strings.Builder
	if err := WriteStatus(&b, &State{Home: "/h", Clusters: []string{}}, "json"); err != nil {
		t.Fatal(err)
	}
	want := "{\n  \"running\": false,\n  \"home\": \"/h\",\n  \"speed\": 0,\n  \"clusters\": []\n}\n"
	if b.String() != want {
		t.Errorf("json not running:\n%s\nwant:\n%s", b.String(), want)
	}
	b.Reset()
	if err := WriteStatus(&b, runningState(), "json"); err != nil {
		t.Fatal(err)
	}
	var got State
	if err := json.Unmarshal([]byte(b.String()), &got); err != nil {
		t.Fatal(err)
	}
	if got.PID != 4242 || got.Endpoint != "http://127.0.0.1:4566" || len(got.Clusters) != 2 || !got.StartedAt.Equal(runningState().StartedAt) {
		t.Errorf("json round trip = %+v", got)
	}
}

func TestWriteStatusBadFormat(t *testing.T) {
	err := WriteStatus(&strings.Builder{}, runningState(), "yaml")
	if err == nil || !strings.Contains(err.Error(), "use table or json") {
		t.Errorf("WriteStatus(yaml) = %v; want an error naming the formats", err)
	}
}
