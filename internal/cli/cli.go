// Package cli holds what drydock's commands share: their standard streams.
package cli

import "io"

// Streams are a command's standard streams, injected so tests can capture
// them.
type Streams struct {
	In       io.Reader
	Out, Err io.Writer
}
