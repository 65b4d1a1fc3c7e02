package sandbox

import (
	"context"
	"time"

	"github.com/drydock-sandbox/drydock/fakeaws"
)

// State is the state of the sandbox, as `drydock sandbox status` shows it.
type State struct {
	Running   bool      `json:"running"`
	Home      string    `json:"home"`
	PID       int       `json:"pid,omitempty"`
	Endpoint  string    `json:"endpoint,omitempty"`
	DNSAddr   string    `json:"dnsAddr,omitempty"`
	StartedAt time.Time `json:"startedAt,omitzero"`
	Uptime    string    `json:"uptime,omitempty"`
	Speed     float64   `json:"speed"`
	Version   string    `json:"version,omitempty"`
	DataDir   string    `json:"dataDir,omitempty"`
	Services  []string  `json:"services,omitempty"`
	Accounts  []string  `json:"accounts,omitempty"`
	Clusters  []string  `json:"clusters"`
	// Warning says what could not be found out (e.g. the clusters).
	Warning string `json:"warning,omitempty"`
}

// Status reports whether the sandbox of opts.Home runs and what it holds.
// A sandbox that is not running is not an error.
func Status(ctx context.Context, opts Options) (*State, error) {
	opts, err := opts.withDefaults()
	if err != nil {
		return nil, err
	}
	st := &State{Home: opts.Home, Clusters: []string{}}
	info, err := Running(ctx, opts)
	if err != nil || info == nil {
		return st, err
	}
	h, err := health(ctx, info.Endpoint)
	if err != nil {
		return st, nil
	}
	st.Running = true
	st.PID, st.Endpoint, st.DNSAddr = info.PID, info.Endpoint, info.DNSAddr
	st.StartedAt, st.Speed, st.Version, st.DataDir = info.StartedAt, info.Speed, info.Version, info.DataDir
	st.Uptime, st.Services = h.Uptime, h.Services
	st.Accounts = []string{fakeaws.DefaultAccount}
	names, err := clusters(ctx, info)
	if err != nil {
		st.Warning = err.Error()
	} else if names != nil {
		st.Clusters = names
	}
	return st, nil
}

// Running returns the running sandbox of opts.Home, or nil if none runs
// and answers; it starts nothing.
func Running(ctx context.Context, opts Options) (*Info, error) {
	opts, err := opts.withDefaults()
	if err != nil {
		return nil, err
	}
	info, err := readState(pathsOf(opts.Home).stateFile())
	if err != nil {
		return nil, err
	}
	if !healthy(ctx, info) {
		return nil, nil
	}
	return info, nil
}
