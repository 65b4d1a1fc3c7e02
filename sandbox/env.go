package sandbox

import (
	"fmt"
	"io"
	"strings"

	"github.com/drydock-sandbox/drydock/fakeaws"
)

// EnvVar is one environment variable.
type EnvVar struct{ Name, Value string }

// Env is the environment that points the AWS CLI (v2.13+), the AWS SDKs,
// Terraform's AWS provider (v5+) and kOps at the sandbox:
//
//   - AWS_ENDPOINT_URL: every service at one endpoint (CLI, SDKs,
//     Terraform); path-style S3 needs no setting, as the SDKs address
//     buckets by path on an IP endpoint;
//   - AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY: the default test/test key;
//   - AWS_REGION (SDKs, Terraform), AWS_DEFAULT_REGION (CLI, older tools);
//   - S3_ENDPOINT, S3_REGION, S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY: kOps'
//     state store on an S3-compatible endpoint;
//   - KOPS_STATE_STORE (kOps) and DRYDOCK_STATE (drydock): the default state
//     store, s3://drydock-state-123456789012;
//   - DRYDOCK_DNS: the sandbox's DNS server for Route53 zones, host:port.
func Env(info *Info) []EnvVar {
	return []EnvVar{
		{"AWS_ENDPOINT_URL", info.Endpoint},
		{"AWS_ACCESS_KEY_ID", fakeaws.DefaultAccessKey},
		{"AWS_SECRET_ACCESS_KEY", fakeaws.DefaultSecret},
		{"AWS_REGION", fakeaws.DefaultRegion},
		{"AWS_DEFAULT_REGION", fakeaws.DefaultRegion},
		{"S3_ENDPOINT", info.Endpoint},
		{"S3_REGION", fakeaws.DefaultRegion},
		{"S3_ACCESS_KEY_ID", fakeaws.DefaultAccessKey},
		{"S3_SECRET_ACCESS_KEY", fakeaws.DefaultSecret},
		{"KOPS_STATE_STORE", StateStore},
		{"DRYDOCK_STATE", StateStore},
		{"DRYDOCK_DNS", info.DNSAddr},
	}
}

// WriteExports writes vars as POSIX shell `export NAME=VALUE` lines, the
// values quoted when they need it, for `eval "$(drydock sandbox env)"`.
func WriteExports(w io.Writer, vars []EnvVar) error {
	for _, v := range vars {
		if _, err := fmt.Fprintf(w, "export %s=%s\n", v.Name, shellQuote(v.Value)); err != nil {
			return err
		}
	}
	return nil
}

// shellQuote quotes s for a POSIX shell; safe strings stay as they are.
func shellQuote(s string) string {
	if s == "" {
		return "''"
	}
	safe := true
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("@%+=:,./_-", r)) {
			safe = false
			break
		}
	}
	if safe {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
