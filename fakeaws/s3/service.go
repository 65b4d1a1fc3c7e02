package s3

import (
	"net/http"

	"github.com/drydock-sandbox/drydock/fakeaws/internal/awsapi"
	"github.com/drydock-sandbox/drydock/fakeaws/internal/backend"
)

// Config configures the S3 service.
type Config struct {
	// MaxObjectSize bounds one PutObject or UploadPart body.
	MaxObjectSize int64
	// VirtualHosts are extra host names under which BUCKET.HOST addresses
	// a bucket.
	VirtualHosts []string
}

// Service is the S3 service.
type Service struct {
	env backend.Env
	cfg Config
}

// New returns the S3 service.
func New(env backend.Env, cfg Config) *Service { return &Service{env: env, cfg: cfg} }

// Name implements awsapi.Service.
func (s *Service) Name() string { return "s3" }

// Protocol implements awsapi.Service.
func (s *Service) Protocol() awsapi.Protocol { return awsapi.ProtocolS3 }

// Serve implements awsapi.Service.
func (s *Service) Serve(w http.ResponseWriter, r *awsapi.Request) {
	awsapi.WriteError(w, r, awsapi.ProtocolS3, awsapi.Errorf(http.StatusNotImplemented, "NotImplemented", "A header you provided implies functionality that is not implemented"))
}
