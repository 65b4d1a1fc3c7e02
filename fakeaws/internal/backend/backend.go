// Package backend holds what every service handler is built with: the
// store, the clock, the ID source.
package backend

import (
	"github.com/drydock-sandbox/drydock/fakeaws/internal/ids"
	"github.com/drydock-sandbox/drydock/fakeaws/internal/store"
	"k8s.io/utils/clock"
)

// Env is the environment a service runs in.
type Env struct {
	DB    *store.DB
	Clock clock.Clock
	IDs   *ids.Source
	// Partition is the ARN partition, "aws".
	Partition string
}
