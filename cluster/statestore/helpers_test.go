package statestore_test

import (
	"context"
	"errors"
	"math/rand/v2"
	"os"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	clocktesting "k8s.io/utils/clock/testing"

	"github.com/drydock-sandbox/drydock/cluster/api"
	"github.com/drydock-sandbox/drydock/cluster/statestore"
	"github.com/drydock-sandbox/drydock/fakeaws/fakeawstest"
)

const clusterName = "k8s.example.com"

var epoch = time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)

// backend is a kind of store under test: setup makes empty storage and
// returns a func opening a new Store on it each time it is called.
type backend struct {
	name  string
	setup func(t *testing.T) opener
}

type opener func(t *testing.T, opts ...statestore.Option) *statestore.Store

func backends() []backend {
	return []backend{
		{"file", func(t *testing.T) opener {
			url := "file://" + t.TempDir()
			return func(t *testing.T, opts ...statestore.Option) *statestore.Store {
				return openStore(t, url, opts...)
			}
		}},
		{"s3", func(t *testing.T) opener {
			cfg := startS3(t)
			return func(t *testing.T, opts ...statestore.Option) *statestore.Store {
				return openStore(t, "s3://state/clusters", append([]statestore.Option{statestore.WithAWSConfig(cfg)}, opts...)...)
			}
		}},
	}
}

// forEachBackend runs test for each backend, in a subtest.
func forEachBackend(t *testing.T, test func(t *testing.T, open opener)) {
	for _, b := range backends() {
		t.Run(b.name, func(t *testing.T) { test(t, b.setup(t)) })
	}
}

// startS3 starts fakeaws with a bucket "state".
func startS3(t *testing.T) aws.Config {
	srv := fakeawstest.Start(t)
	cfg := srv.Config()
	client := s3.NewFromConfig(cfg, func(o *s3.Options) { o.UsePathStyle = true })
	if _, err := client.CreateBucket(context.Background(), &s3.CreateBucketInput{Bucket: aws.String("state")}); err != nil {
		t.Fatal(err)
	}
	return cfg
}

func openStore(t *testing.T, url string, opts ...statestore.Option) *statestore.Store {
	t.Helper()
	opts = append([]statestore.Option{
		statestore.WithClock(clocktesting.NewFakePassiveClock(epoch)),
		statestore.WithRand(rand.NewChaCha8([32]byte{1})),
		statestore.WithVersion("drydock v0.0.0-dev"),
	}, opts...)
	s, err := statestore.Open(context.Background(), url, opts...)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// manifest reads testdata/minimal.yaml: a cluster and two groups.
func manifest(t testing.TB) (*api.Cluster, []*api.InstanceGroup) {
	t.Helper()
	data, err := os.ReadFile("testdata/minimal.yaml")
	if err != nil {
		t.Fatal(err)
	}
	m, err := api.Parse(data)
	if err != nil {
		t.Fatal(err)
	}
	return m.Cluster, m.InstanceGroups
}

func create(t *testing.T, s *statestore.Store) statestore.Versions {
	t.Helper()
	c, igs := manifest(t)
	v, err := s.CreateCluster(context.Background(), c, igs)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// failingBackend fails the n-th Put (1-based) and passes the rest.
type failingBackend struct {
	statestore.Backend
	n, puts atomic.Int32
}

var errInjected = errors.New("injected failure")

func (f *failingBackend) Put(ctx context.Context, key string, data []byte, cond statestore.Condition) (string, error) {
	if f.puts.Add(1) == f.n.Load() {
		return "", errInjected
	}
	return f.Backend.Put(ctx, key, data, cond)
}
