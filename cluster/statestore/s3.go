package statestore

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/smithy-go"
)

// s3Backend keeps each object at s3://bucket/prefix/KEY; an object's
// version is its ETag, and conditions are S3's conditional writes.
type s3Backend struct {
	client *s3.Client
	bucket string
	prefix string // "" or ending with "/"
}

var _ Backend = (*s3Backend)(nil)

func newS3Backend(ctx context.Context, cfg aws.Config, optFns []func(*s3.Options), bucket, prefix string) (*s3Backend, error) {
	fns := []func(*s3.Options){func(o *s3.Options) {
		// A custom endpoint (fakeaws, MinIO, …) rarely serves
		// virtual-hosted buckets.
		o.UsePathStyle = cfg.BaseEndpoint != nil
	}}
	b := &s3Backend{client: s3.NewFromConfig(cfg, append(fns, optFns...)...), bucket: bucket, prefix: prefix}
	if _, err := b.client.HeadBucket(ctx, &s3.HeadBucketInput{Bucket: aws.String(bucket)}); err != nil {
		if code := errorCode(err); code == "NotFound" || code == "NoSuchBucket" {
			return nil, fmt.Errorf("state store s3://%s: bucket %s does not exist; create it with `aws s3 mb s3://%s`", bucket, bucket, bucket)
		}
		return nil, fmt.Errorf("state store s3://%s: %w", bucket, err)
	}
	return b, nil
}

func errorCode(err error) string {
	var ae smithy.APIError
	if errors.As(err, &ae) {
		return ae.ErrorCode()
	}
	return ""
}

// mapError turns S3's answers into the backend's errors.
func mapError(err error) error {
	switch errorCode(err) {
	case "NoSuchKey", "NotFound":
		return ErrObjectNotFound
	case "PreconditionFailed", "ConditionalRequestConflict":
		return fmt.Errorf("%w: %w", ErrPreconditionFailed, err)
	}
	return err
}

func (b *s3Backend) Get(ctx context.Context, key string) ([]byte, string, error) {
	out, err := b.client.GetObject(ctx, &s3.GetObjectInput{Bucket: &b.bucket, Key: aws.String(b.prefix + key)})
	if err != nil {
		return nil, "", mapError(err)
	}
	defer out.Body.Close()
	data, err := io.ReadAll(out.Body)
	if err != nil {
		return nil, "", err
	}
	return data, aws.ToString(out.ETag), nil
}

func (b *s3Backend) Put(ctx context.Context, key string, data []byte, cond Condition) (string, error) {
	in := &s3.PutObjectInput{Bucket: &b.bucket, Key: aws.String(b.prefix + key), Body: bytes.NewReader(data)}
	if cond.IfNoneMatch {
		in.IfNoneMatch = aws.String("*")
	}
	if cond.IfMatch != "" {
		in.IfMatch = aws.String(cond.IfMatch)
	}
	out, err := b.client.PutObject(ctx, in)
	if err != nil {
		return "", mapError(err)
	}
	return aws.ToString(out.ETag), nil
}

func (b *s3Backend) Delete(ctx context.Context, key string, cond Condition) error {
	in := &s3.DeleteObjectInput{Bucket: &b.bucket, Key: aws.String(b.prefix + key)}
	if cond.IfMatch != "" {
		in.IfMatch = aws.String(cond.IfMatch)
	} else {
		// S3 answers a delete of a missing key with success; say so.
		if _, err := b.client.HeadObject(ctx, &s3.HeadObjectInput{Bucket: &b.bucket, Key: in.Key}); err != nil {
			return mapError(err)
		}
	}
	_, err := b.client.DeleteObject(ctx, in)
	return mapError(err)
}

func (b *s3Backend) List(ctx context.Context, prefix string) ([]string, error) {
	var keys []string
	p := s3.NewListObjectsV2Paginator(b.client, &s3.ListObjectsV2Input{Bucket: &b.bucket, Prefix: aws.String(b.prefix + prefix)})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return nil, err
		}
		for _, o := range page.Contents {
			keys = append(keys, strings.TrimPrefix(aws.ToString(o.Key), b.prefix))
		}
	}
	return keys, nil
}
