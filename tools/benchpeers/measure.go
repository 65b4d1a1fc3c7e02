package main

import (
	"context"
	"fmt"
	"net/http"
	"sync"
	"sync/atomic"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/drydock-sandbox/drydock/internal/awshttp"
)

type peer struct{ name, url string }

type result struct {
	rps float64
	err error
}

func (r result) String() string {
	if r.err != nil {
		return "failed"
	}
	return fmt.Sprintf("%.0f", r.rps)
}

func ratio(a, b result) string {
	if a.err != nil || b.err != nil || b.rps == 0 {
		return "-"
	}
	return fmt.Sprintf("%.1fx", a.rps/b.rps)
}

// config returns an SDK config for p with a connection pool big enough for
// the concurrent clients, and no retries: a failure must show.
func (p peer) config(clients int) aws.Config {
	return aws.Config{
		Region:           "us-east-1",
		BaseEndpoint:     aws.String(p.url),
		Credentials:      credentials.NewStaticCredentialsProvider("test", "test", ""),
		HTTPClient:       &http.Client{Transport: awshttp.BufferedBody(&http.Transport{MaxIdleConnsPerHost: clients * 2}), Timeout: 30 * time.Second},
		RetryMaxAttempts: 1,
	}
}

// workload is one operation measured against both servers: setup prepares
// the server (buckets, roles, instances) and returns the operation each
// client runs in a loop; i is a per-call counter for distinct keys.
type workload struct {
	name  string
	setup func(ctx context.Context, cfg aws.Config, tag string) (op func(ctx context.Context, i int64) error, err error)
}

// measure runs w against p with n concurrent clients for d and returns
// successful requests per second. The first error stops the run.
func measure(ctx context.Context, p peer, w workload, n int, d time.Duration) result {
	cfg := p.config(n)
	tag := fmt.Sprintf("bp%d", time.Now().UnixNano()%1_000_000)
	op, err := w.setup(ctx, cfg, tag)
	if err != nil {
		return result{err: fmt.Errorf("setup: %w", err)}
	}
	// Warm the connections and the server's caches.
	var counter atomic.Int64
	for i := 0; i < n; i++ {
		if err := op(ctx, counter.Add(1)); err != nil {
			return result{err: err}
		}
	}
	var (
		count atomic.Int64
		first error
		once  sync.Once
		wg    sync.WaitGroup
	)
	rctx, cancel := context.WithTimeout(ctx, d)
	defer cancel()
	start := time.Now()
	for c := 0; c < n; c++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for rctx.Err() == nil {
				if err := op(rctx, counter.Add(1)); err != nil {
					if rctx.Err() != nil || time.Since(start) >= d {
						return // cut short by the deadline
					}
					once.Do(func() { first = err; cancel() })
					return
				}
				count.Add(1)
			}
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	if first != nil {
		return result{err: first}
	}
	return result{rps: float64(count.Load()) / elapsed.Seconds()}
}
