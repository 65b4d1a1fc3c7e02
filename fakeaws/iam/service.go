package iam

import (
	"github.com/drydock-sandbox/drydock/fakeaws/internal/awsapi"
	"github.com/drydock-sandbox/drydock/fakeaws/internal/backend"
	"github.com/drydock-sandbox/drydock/fakeaws/internal/store"
)

// New returns the IAM service.
func New(env backend.Env) *awsapi.QueryService {
	return &awsapi.QueryService{
		SigningName: "iam",
		Namespace:   "https://iam.amazonaws.com/doc/2010-05-08/",
		Proto:       awsapi.ProtocolQuery,
		Actions:     map[string]awsapi.ActionFunc{},
	}
}

// LookupRoleID returns the unique ID (AROA…) of the role name in account.
func LookupRoleID(db *store.DB, account, name string) (string, bool, error) {
	return "", false, nil
}
