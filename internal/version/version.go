// Package version reports drydock's version, set at build time with
// -ldflags "-X github.com/drydock-sandbox/drydock/internal/version.Version=v0.1.0"
// and otherwise read from the module's build information.
package version

import (
	"runtime"
	"runtime/debug"
)

// Version is the release version; empty in development builds.
var Version = ""

// String is the version line `drydock version` prints.
func String() string {
	v, commit := Version, ""
	if info, ok := debug.ReadBuildInfo(); ok {
		if v == "" && info.Main.Version != "" && info.Main.Version != "(devel)" {
			v = info.Main.Version
		}
		for _, s := range info.Settings {
			if s.Key == "vcs.revision" && len(s.Value) >= 12 {
				commit = s.Value[:12]
			}
		}
	}
	if v == "" {
		v = "v0.0.0-dev"
	}
	out := "drydock " + v
	if commit != "" {
		out += " (" + commit + ")"
	}
	return out + " " + runtime.Version() + " " + runtime.GOOS + "/" + runtime.GOARCH
}
