package sandbox

import (
	"fmt"
	"os"
	"path/filepath"
	"time"
)

// Defaults of the sandbox.
const (
	// DefaultStartTimeout bounds how long Ensure waits for a new sandbox
	// to answer its health check.
	DefaultStartTimeout = 30 * time.Second
	// DefaultStopTimeout bounds how long Stop waits after SIGTERM before
	// it sends SIGKILL.
	DefaultStopTimeout = 15 * time.Second
)

// Options locate and shape the sandbox. The zero value is the default
// sandbox of $DRYDOCK_HOME at real-time speed.
type Options struct {
	// Home is drydock's home directory (default $DRYDOCK_HOME, else
	// ~/.drydock); the sandbox lives in Home/sandbox.
	Home string
	// Speed scales fakeaws' AWS-like delays by 1/Speed (0 makes them
	// immediate). Only used when a sandbox is started; nil means 1.
	Speed *float64
	// Executable is the drydock binary to run as the sandbox (default
	// os.Executable()).
	Executable string
	// StartTimeout and StopTimeout default to DefaultStartTimeout and
	// DefaultStopTimeout.
	StartTimeout time.Duration
	StopTimeout  time.Duration
}

// Home is drydock's home directory: $DRYDOCK_HOME, else ~/.drydock.
func Home() (string, error) {
	if h := os.Getenv("DRYDOCK_HOME"); h != "" {
		return h, nil
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", fmt.Errorf("no home directory for the sandbox; set DRYDOCK_HOME: %w", err)
	}
	return filepath.Join(home, ".drydock"), nil
}

// withDefaults fills in the defaults.
func (o Options) withDefaults() (Options, error) {
	if o.Home == "" {
		h, err := Home()
		if err != nil {
			return o, err
		}
		o.Home = h
	}
	if o.Speed == nil {
		one := 1.0
		o.Speed = &one
	}
	if *o.Speed < 0 {
		return o, fmt.Errorf("speed %v: use 0 (immediate), 1 (real time) or more (faster)", *o.Speed)
	}
	if o.StartTimeout <= 0 {
		o.StartTimeout = DefaultStartTimeout
	}
	if o.StopTimeout <= 0 {
		o.StopTimeout = DefaultStopTimeout
	}
	return o, nil
}

// paths are the sandbox's files under a home directory.
type paths struct{ dir string }

func pathsOf(home string) paths   { return paths{dir: filepath.Join(home, "sandbox")} }
func (p paths) stateFile() string { return filepath.Join(p.dir, "sandbox.json") }
func (p paths) logFile() string   { return filepath.Join(p.dir, "sandbox.log") }
func (p paths) lockFile() string  { return filepath.Join(p.dir, "lock") }
func (p paths) dataDir() string   { return filepath.Join(p.dir, "state") }
