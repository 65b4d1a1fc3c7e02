package fakeaws_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	"github.com/aws/aws-sdk-go-v2/service/sts/types"
	"github.com/aws/smithy-go"
	"github.com/drydock-sandbox/drydock/fakeaws"
	"github.com/drydock-sandbox/drydock/fakeaws/fakeawstest"
)

const trustPolicy = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:root"},"Action":"sts:AssumeRole"}]}`

// createRole creates a role with IAM's CreateRole and returns its ARN.
func createRole(t testing.TB, srv *fakeawstest.Server, ak, secret, name string) string {
	t.Helper()
	out, err := iamClient(srv, ak, secret, "").CreateRole(context.Background(), &iam.CreateRoleInput{
		RoleName: aws.String(name), AssumeRolePolicyDocument: aws.String(trustPolicy),
	})
	var ae smithy.APIError
	if errors.As(err, &ae) && ae.ErrorCode() == "InvalidAction" {
		t.Skip("IAM CreateRole is not served yet")
	}
	if err != nil {
		t.Fatalf("CreateRole: %v", err)
	}
	return aws.ToString(out.Role.Arn)
}

func assumeRole(t testing.TB, c *sts.Client, arn, session string, seconds int32) *types.Credentials {
	t.Helper()
	out, err := c.AssumeRole(context.Background(), &sts.AssumeRoleInput{
		RoleArn: aws.String(arn), RoleSessionName: aws.String(session), DurationSeconds: aws.Int32(seconds),
	})
	if err != nil {
		t.Fatalf("AssumeRole: %v", err)
	}
	return out.Credentials
}

func TestSessionTokens(t *testing.T) {
	// The server's clock starts 10 minutes behind real time: credentials
	// for 15 minutes then expire while real-time signatures are still
	// within the allowed skew.
	srv, clk := startAt(t, -10*time.Minute)
	arn := createRole(t, srv, "test", "test", "deployer")
	issuedAt := clk.Now()
	cred := assumeRole(t, stsClient(srv, "test", "test", ""), arn, "ci-session", 900)
	ak, secret, token := aws.ToString(cred.AccessKeyId), aws.ToString(cred.SecretAccessKey), aws.ToString(cred.SessionToken)
	if want := issuedAt.UTC().Truncate(time.Second).Add(15 * time.Minute); !aws.ToTime(cred.Expiration).Equal(want) {
		t.Errorf("Expiration %v, want %v", aws.ToTime(cred.Expiration), want)
	}

	account, callerARN, userID := identity(t, stsClient(srv, ak, secret, token))
	if account != defaultAccount || callerARN != "arn:aws:sts::"+defaultAccount+":assumed-role/deployer/ci-session" {
		t.Errorf("identity %s %s", account, callerARN)
	}
	role, err := iamClient(srv, "test", "test", "").GetRole(context.Background(), &iam.GetRoleInput{RoleName: aws.String("deployer")})
	if err == nil && userID != aws.ToString(role.Role.RoleId)+":ci-session" {
		t.Errorf("UserId %s, role ID %s", userID, aws.ToString(role.Role.RoleId))
	}

	rejects := []struct {
		name, secret, token, stsCode, s3Code string
	}{
		{"without the token", secret, "", "InvalidClientTokenId", "InvalidToken"},
		{"with a wrong token", secret, token[:len(token)-1] + "x", "InvalidClientTokenId", "InvalidToken"},
		{"with a wrong secret", "x" + secret[1:], token, "SignatureDoesNotMatch", "SignatureDoesNotMatch"},
	}
	for _, tt := range rejects {
		t.Run(tt.name, func(t *testing.T) {
			_, err := stsClient(srv, ak, tt.secret, tt.token).GetCallerIdentity(context.Background(), &sts.GetCallerIdentityInput{})
			if code, _, status := apiError(t, err); code != tt.stsCode || status != 403 {
				t.Errorf("STS: %s (%d), want %s", code, status, tt.stsCode)
			}
			_, err = s3Client(srv, ak, tt.secret, tt.token).ListBuckets(context.Background(), &s3.ListBucketsInput{})
			if code, _, _ := apiError(t, err); code != tt.s3Code {
				t.Errorf("S3: %s, want %s", code, tt.s3Code)
			}
		})
	}

	// Past Expiration: ExpiredToken, while the account's own key still works.
	clk.Step(15*time.Minute + time.Second)
	_, err = stsClient(srv, ak, secret, token).GetCallerIdentity(context.Background(), &sts.GetCallerIdentityInput{})
	if code, msg, status := apiError(t, err); code != "ExpiredToken" || status != 403 || msg != "The security token included in the request is expired" {
		t.Errorf("STS after expiry: %s (%d) %q", code, status, msg)
	}
	_, err = s3Client(srv, ak, secret, token).ListBuckets(context.Background(), &s3.ListBucketsInput{})
	if code, _, status := apiError(t, err); code != "ExpiredToken" || status != 400 {
		t.Errorf("S3 after expiry: %s (%d)", code, status)
	}
	if account, _, _ := identity(t, stsClient(srv, "test", "test", "")); account != defaultAccount {
		t.Errorf("long-term key after the step: %s", account)
	}
}

func TestAssumeRoleAcrossAccountsAndValidation(t *testing.T) {
	srv, _ := startAt(t, 0, otherKeys)
	arn := createRole(t, srv, otherKey, otherSecret, "reader")
	if arn != "arn:aws:iam::"+otherAccount+":role/reader" {
		t.Fatalf("role ARN %s", arn)
	}
	c := stsClient(srv, "test", "test", "")
	cred := assumeRole(t, c, arn, "cross", 3600)
	account, callerARN, _ := identity(t, stsClient(srv, aws.ToString(cred.AccessKeyId), aws.ToString(cred.SecretAccessKey), aws.ToString(cred.SessionToken)))
	if account != otherAccount || callerARN != "arn:aws:sts::"+otherAccount+":assumed-role/reader/cross" {
		t.Errorf("assumed identity %s %s", account, callerARN)
	}
	// The role is in the other account only.
	_, err := c.AssumeRole(context.Background(), &sts.AssumeRoleInput{RoleArn: aws.String("arn:aws:iam::" + defaultAccount + ":role/reader"), RoleSessionName: aws.String("s1")})
	if code, _, status := apiError(t, err); code != "AccessDenied" || status != 403 {
		t.Errorf("role of the wrong account: %s (%d)", code, status)
	}

	tests := []struct {
		name     string
		in       sts.AssumeRoleInput
		contains string
	}{
		{"duration 899", sts.AssumeRoleInput{RoleArn: aws.String(arn), RoleSessionName: aws.String("s1"), DurationSeconds: aws.Int32(899)}, "greater than or equal to 900"},
		{"duration 43201", sts.AssumeRoleInput{RoleArn: aws.String(arn), RoleSessionName: aws.String("s1"), DurationSeconds: aws.Int32(43201)}, "less than or equal to 43200"},
		{"session name", sts.AssumeRoleInput{RoleArn: aws.String(arn), RoleSessionName: aws.String("Session1:2")}, "regular expression pattern"},
		{"malformed ARN", sts.AssumeRoleInput{RoleArn: aws.String("nothing-valid-in-here"), RoleSessionName: aws.String("s1")}, "nothing-valid-in-here is invalid"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := c.AssumeRole(context.Background(), &tt.in)
			code, msg, status := apiError(t, err)
			if code != "ValidationError" || status != 400 || !strings.Contains(msg, tt.contains) {
				t.Errorf("%s (%d) %q", code, status, msg)
			}
		})
	}
}

func TestTemporaryCredentialsSurviveRestart(t *testing.T) {
	dir := t.TempDir()
	var ak, secret, token string
	t.Run("first run", func(t *testing.T) {
		srv, _ := startAt(t, 0, fakeaws.WithDataDir(dir))
		arn := createRole(t, srv, "test", "test", "survivor")
		cred := assumeRole(t, stsClient(srv, "test", "test", ""), arn, "before-restart", 3600)
		ak, secret, token = aws.ToString(cred.AccessKeyId), aws.ToString(cred.SecretAccessKey), aws.ToString(cred.SessionToken)
	})
	if ak == "" {
		t.Skip("first run did not issue credentials")
	}
	srv, _ := startAt(t, 0, fakeaws.WithDataDir(dir))
	if _, arn, _ := identity(t, stsClient(srv, ak, secret, token)); arn != "arn:aws:sts::"+defaultAccount+":assumed-role/survivor/before-restart" {
		t.Errorf("after restart: %s", arn)
	}
}
