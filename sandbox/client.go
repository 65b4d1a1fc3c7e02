package sandbox

import (
	"net/http"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/drydock-sandbox/drydock/fakeaws"
)

// AWSConfig is an aws-sdk-go-v2 configuration for the sandbox: its
// endpoint, the default test/test key, us-east-1. Its HTTP client keeps no
// idle connections, so a short-lived command never delays the sandbox's
// graceful shutdown.
func AWSConfig(info *Info) aws.Config {
	return aws.Config{
		Region:       fakeaws.DefaultRegion,
		BaseEndpoint: aws.String(info.Endpoint),
		Credentials:  credentials.NewStaticCredentialsProvider(fakeaws.DefaultAccessKey, fakeaws.DefaultSecret, ""),
		HTTPClient:   &http.Client{Transport: &http.Transport{DisableKeepAlives: true}},
	}
}

// s3Client is a path-style S3 client of the sandbox.
func s3Client(info *Info) *s3.Client {
	return s3.NewFromConfig(AWSConfig(info), func(o *s3.Options) { o.UsePathStyle = true })
}
