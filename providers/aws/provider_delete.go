package aws

import (
	"context"
	"fmt"

	"github.com/drydock-sandbox/drydock/providers"
)

// FindResources implements providers.Provider.
func (p *Provider) FindResources(ctx context.Context, cluster string) ([]providers.Resource, error) {
	rs, err := FindResources(ctx, p.c, cluster)
	if err != nil {
		return nil, err
	}
	out := make([]providers.Resource, len(rs))
	for i, r := range rs {
		out[i] = providers.Resource{Type: r.Type, Name: r.Name, ID: r.ID, Ref: r}
	}
	return out, nil
}

// DeleteResources implements providers.Provider for resources this
// provider found.
func (p *Provider) DeleteResources(ctx context.Context, resources []providers.Resource) error {
	rs := make([]Resource, len(resources))
	for i, r := range resources {
		ar, ok := r.Ref.(Resource)
		if !ok {
			return fmt.Errorf("resource %s %s was not found by the AWS provider", r.Type, r.ID)
		}
		rs[i] = ar
	}
	return DeleteResources(ctx, p.c, rs, p.opts.Delete)
}
