package fakeaws_test

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/sts"
)

// BenchmarkGetCallerIdentity is one STS call through the SDK over loopback
// HTTP: sign, route, verify, answer, parse.
func BenchmarkGetCallerIdentity(b *testing.B) {
	srv, _ := startAt(b, 0)
	c := stsClient(srv, "test", "test", "")
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := c.GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkGetCallerIdentityParallel is the same with concurrent clients.
func BenchmarkGetCallerIdentityParallel(b *testing.B) {
	srv, _ := startAt(b, 0)
	c := stsClient(srv, "test", "test", "")
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if _, err := c.GetCallerIdentity(context.Background(), &sts.GetCallerIdentityInput{}); err != nil {
				b.Error(err)
				return
			}
		}
	})
}
