package sandbox

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"
)

// Info describes a running sandbox; it is the content of sandbox.json.
type Info struct {
	PID       int       `json:"pid"`
	Endpoint  string    `json:"endpoint"` // http://127.0.0.1:PORT, every AWS service
	DNSAddr   string    `json:"dnsAddr"`  // 127.0.0.1:PORT, Route53 zones over UDP and TCP
	StartedAt time.Time `json:"startedAt"`
	Speed     float64   `json:"speed"`
	Version   string    `json:"version"`
	DataDir   string    `json:"dataDir"`

	// Started is true when Ensure started this sandbox, false when it
	// found it running.
	Started bool `json:"-"`
}

// readState reads the state file; (nil, nil) when there is none.
func readState(file string) (*Info, error) {
	raw, err := os.ReadFile(file)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("sandbox state %s: %w", file, err)
	}
	var info Info
	if err := json.Unmarshal(raw, &info); err != nil {
		return nil, fmt.Errorf("sandbox state %s: %w (remove it if no sandbox runs)", file, err)
	}
	if info.PID <= 0 || info.Endpoint == "" {
		return nil, fmt.Errorf("sandbox state %s: no pid or endpoint (remove it if no sandbox runs)", file)
	}
	return &info, nil
}

// writeState writes info to file atomically: a reader sees the old file,
// no file, or the whole new one.
func writeState(file string, info *Info) error {
	raw, err := json.MarshalIndent(info, "", "  ")
	if err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(file), ".sandbox-*.json")
	if err != nil {
		return fmt.Errorf("sandbox state: %w", err)
	}
	defer func() { _ = os.Remove(tmp.Name()) }()
	if _, err := tmp.Write(append(raw, '\n')); err != nil {
		_ = tmp.Close()
		return fmt.Errorf("sandbox state: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("sandbox state: %w", err)
	}
	if err := os.Rename(tmp.Name(), file); err != nil {
		return fmt.Errorf("sandbox state: %w", err)
	}
	return nil
}

// removeState removes the state file if it names pid (any pid when pid is
// 0), so that a sandbox exiting late does not remove its successor's file.
func removeState(file string, pid int) error {
	if pid != 0 {
		info, err := readState(file)
		if err == nil && (info == nil || info.PID != pid) {
			return nil
		}
	}
	if err := os.Remove(file); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("remove sandbox state: %w", err)
	}
	return nil
}
