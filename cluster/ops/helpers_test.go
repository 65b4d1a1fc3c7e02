package ops

import (
	"bytes"
	"context"
	"testing"
	"time"

	clocktesting "k8s.io/utils/clock/testing"

	"github.com/drydock-sandbox/drydock/cluster/create"
	"github.com/drydock-sandbox/drydock/cluster/internal/testkit"
	"github.com/drydock-sandbox/drydock/cluster/statestore"
)

var epoch = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

// fileEnv is an Env of a file:// store in a temporary directory.
func fileEnv(t *testing.T) Env {
	t.Helper()
	return Env{State: "file://" + t.TempDir(), Getenv: func(string) string { return "" }}
}

func openStore(t *testing.T, env Env) *statestore.Store {
	t.Helper()
	s, err := env.Open(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// createCluster runs create cluster with a fixed clock and returns what it printed.
func createCluster(t *testing.T, env Env, opts CreateClusterOptions) string {
	t.Helper()
	opts.BuildOptions = append(opts.BuildOptions, create.WithClock(clocktesting.NewFakePassiveClock(epoch)))
	var out bytes.Buffer
	if err := CreateCluster(context.Background(), env, opts, &out); err != nil {
		t.Fatalf("CreateCluster: %v", err)
	}
	return out.String()
}

var (
	minimal = create.Options{ClusterName: "minimal.example.com", Zones: []string{"us-east-1a"}}
	ha      = create.Options{
		ClusterName:       "ha.example.com",
		Zones:             []string{"us-east-1a", "us-east-1b", "us-east-1c"},
		ControlPlaneCount: 3,
		Topology:          "private",
		Bastion:           true,
		DNSZone:           "example.com",
	}
)

func golden(t *testing.T, name, got string) { t.Helper(); testkit.Golden(t, name, []byte(got)) }
