import { useParams } from '@solidjs/router'
import { createResource } from 'solid-js'
import { asFailure } from './api.ts'
import { loadStream } from './queries/streams.ts'

/**
 * The stream named by the route's `:id`. `detail` keeps the loaded stream through background
 * refetches and is undefined once loading failed: reading a failed resource's `latest`
 * throws, which once left a missing stream on "Loading…" for good.
 */
export function createStreamDetail() {
  const params = useParams<{ id: string }>()
  const [data, { refetch }] = createResource(
    () => params.id,
    loadStream,
  )
  return {
    detail: () => (data.state === 'errored' ? undefined : data.latest),
    failure: () => (data.error ? asFailure(data.error) : null),
    loading: () => data.loading,
    refetch: () => void refetch(),
  }
}
