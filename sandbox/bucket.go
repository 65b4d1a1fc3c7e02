package sandbox

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/aws/smithy-go"
	"github.com/drydock-sandbox/drydock/fakeaws"
)

// StateBucket is the default state store bucket of the sandbox's default
// account.
const StateBucket = "drydock-state-" + fakeaws.DefaultAccount

// StateStore is the default state store, as KOPS_STATE_STORE names it.
const StateStore = "s3://" + StateBucket

// DefaultStateBucket creates the default state store bucket if it does not
// exist and returns the state store, s3://drydock-state-123456789012.
func DefaultStateBucket(ctx context.Context, info *Info) (string, error) {
	_, err := s3Client(info).CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String(StateBucket)})
	var owned *types.BucketAlreadyOwnedByYou
	if err != nil && !errors.As(err, &owned) {
		return "", fmt.Errorf("create the state store %s in the sandbox at %s: %w", StateStore, info.Endpoint, err)
	}
	return StateStore, nil
}

// clusters lists the clusters of the default state store: its top-level
// "directories". A missing bucket holds none.
func clusters(ctx context.Context, info *Info) ([]string, error) {
	c := s3Client(info)
	var names []string
	in := &s3.ListObjectsV2Input{Bucket: aws.String(StateBucket), Delimiter: aws.String("/")}
	for p := s3.NewListObjectsV2Paginator(c, in); p.HasMorePages(); {
		page, err := p.NextPage(ctx)
		if isNoSuchBucket(err) {
			return nil, nil
		}
		if err != nil {
			return nil, fmt.Errorf("list the clusters of %s: %w", StateStore, err)
		}
		for _, cp := range page.CommonPrefixes {
			names = append(names, strings.TrimSuffix(aws.ToString(cp.Prefix), "/"))
		}
	}
	return names, nil
}

func isNoSuchBucket(err error) bool {
	var nsb *types.NoSuchBucket
	if errors.As(err, &nsb) {
		return true
	}
	var api smithy.APIError
	return errors.As(err, &api) && api.ErrorCode() == "NoSuchBucket"
}
