package sts

import (
	"regexp"
	"strings"
	"time"

	"github.com/drydock-sandbox/drydock/fakeaws/internal/awsapi"
	"github.com/drydock-sandbox/drydock/fakeaws/internal/backend"
	"github.com/drydock-sandbox/drydock/fakeaws/internal/creds"
	"github.com/drydock-sandbox/drydock/fakeaws/internal/sigv4"
	"github.com/drydock-sandbox/drydock/fakeaws/internal/store"
)

// RoleLookup finds a role by account and name and returns its unique ID
// (AROA…); STS asks IAM through it.
type RoleLookup func(account, name string) (roleID string, ok bool, err error)

type service struct {
	env   backend.Env
	roles RoleLookup
}

// New returns the STS service. roles resolves the roles AssumeRole may
// assume.
func New(env backend.Env, roles RoleLookup) *awsapi.QueryService {
	s := &service{env: env, roles: roles}
	return &awsapi.QueryService{
		SigningName: "sts",
		Namespace:   "https://sts.amazonaws.com/doc/2011-06-15/",
		Proto:       awsapi.ProtocolQuery,
		Actions: map[string]awsapi.ActionFunc{
			"GetCallerIdentity": s.getCallerIdentity,
			"AssumeRole":        s.assumeRole,
		},
	}
}

type callerIdentity struct {
	UserID  string `xml:"UserId"`
	Account string `xml:"Account"`
	Arn     string `xml:"Arn"`
}

func (s *service) getCallerIdentity(r *awsapi.Request, _ awsapi.Params) (any, error) {
	return callerIdentity{UserID: r.Caller.UserID, Account: r.Caller.Account, Arn: r.Caller.ARN}, nil
}

type credentials struct {
	AccessKeyID     string    `xml:"AccessKeyId"`
	SecretAccessKey string    `xml:"SecretAccessKey"`
	SessionToken    string    `xml:"SessionToken"`
	Expiration      time.Time `xml:"Expiration"`
}

type assumedRoleUser struct {
	AssumedRoleID string `xml:"AssumedRoleId"`
	Arn           string `xml:"Arn"`
}

type assumeRoleResult struct {
	Credentials      credentials     `xml:"Credentials"`
	AssumedRoleUser  assumedRoleUser `xml:"AssumedRoleUser"`
	PackedPolicySize int             `xml:"PackedPolicySize"`
	SourceIdentity   string          `xml:"SourceIdentity,omitempty"`
}

var (
	roleARN     = regexp.MustCompile(`^arn:aws[a-z-]*:iam::(\d{12}):role/(?:[\x21-\x7e]*/)?([\w+=,.@-]{1,64})$`)
	sessionName = regexp.MustCompile(`^[\w+=,.@-]{2,64}$`)
)

func (s *service) assumeRole(r *awsapi.Request, p awsapi.Params) (any, error) {
	arn, err := p.Required("RoleArn")
	if err != nil {
		return nil, err
	}
	session, err := p.Required("RoleSessionName")
	if err != nil {
		return nil, err
	}
	const constraint = "1 validation error detected: Value '%s' at '%s' failed to satisfy constraint: Member must %s"
	switch {
	case len(session) < 2:
		return nil, awsapi.ValidationError(constraint, session, "roleSessionName", "have length greater than or equal to 2")
	case len(session) > 64:
		return nil, awsapi.ValidationError(constraint, session, "roleSessionName", "have length less than or equal to 64")
	case !sessionName.MatchString(session):
		return nil, awsapi.ValidationError(constraint, session, "roleSessionName", "satisfy regular expression pattern: [\\w+=,.@-]*")
	}
	duration, err := p.Int("DurationSeconds", 3600)
	if err != nil {
		return nil, err
	}
	switch {
	case duration < 900:
		return nil, awsapi.ValidationError(constraint, p.Get("DurationSeconds"), "durationSeconds", "have value greater than or equal to 900")
	case duration > 43200:
		return nil, awsapi.ValidationError(constraint, p.Get("DurationSeconds"), "durationSeconds", "have value less than or equal to 43200")
	}
	m := roleARN.FindStringSubmatch(arn)
	if m == nil {
		return nil, awsapi.ValidationError("%s is invalid", arn)
	}
	account, roleName := m[1], m[2]
	roleID, ok, err := s.roles(account, roleName)
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, awsapi.Errorf(403, "AccessDenied", "User: %s is not authorized to perform: sts:AssumeRole on resource: %s", r.Caller.ARN, arn)
	}
	now := r.Now.UTC().Truncate(time.Second)
	cred := sigv4.Credential{
		AccessKey:    "ASIA" + s.env.IDs.Upper(16),
		Secret:       s.env.IDs.Secret(),
		SessionToken: "FwoGZXIvYXdzE" + s.env.IDs.Token(300),
		Account:      account,
		ARN:          "arn:" + s.partition() + ":sts::" + account + ":assumed-role/" + roleName + "/" + session,
		UserID:       roleID + ":" + session,
		Expires:      now.Add(time.Duration(duration) * time.Second),
	}
	if err := s.env.DB.Update(func(tx *store.Tx) error { return creds.PutTemporary(tx, cred) }); err != nil {
		return nil, err
	}
	return assumeRoleResult{
		Credentials: credentials{
			AccessKeyID:     cred.AccessKey,
			SecretAccessKey: cred.Secret,
			SessionToken:    cred.SessionToken,
			Expiration:      cred.Expires,
		},
		AssumedRoleUser:  assumedRoleUser{AssumedRoleID: cred.UserID, Arn: cred.ARN},
		PackedPolicySize: packedPolicySize(p),
		SourceIdentity:   p.Get("SourceIdentity"),
	}, nil
}

func (s *service) partition() string {
	if s.env.Partition == "" {
		return "aws"
	}
	return s.env.Partition
}

// packedPolicySize is the percentage of the packed session policy limit the
// request's inline policy and tags use; 0 without them, as in AWS.
func packedPolicySize(p awsapi.Params) int {
	n := len(strings.Join(strings.Fields(p.Get("Policy")), ""))
	for _, t := range p.Structs("Tags.member") {
		n += len(t.Get("Key")) + len(t.Get("Value"))
	}
	if n == 0 {
		return 0
	}
	return min(100, 1+n*100/2048)
}
