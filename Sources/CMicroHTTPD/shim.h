#ifndef CMICROHTTPD_SHIM_H
#define CMICROHTTPD_SHIM_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <microhttpd.h>

/* Swift cannot call the variadic MHD_start_daemon, and several enumerators of
   microhttpd.h do not import as Swift names, so these helpers bridge them. */

static const enum MHD_Result cmhd_yes = MHD_YES;
static const enum MHD_Result cmhd_no = MHD_NO;
static const enum MHD_ValueKind cmhd_header_kind = MHD_HEADER_KIND;
static const enum MHD_ConnectionNotificationCode cmhd_connection_started =
    MHD_CONNECTION_NOTIFY_STARTED;

/* A URI log callback: its result becomes the request's context pointer. */
typedef void *(*cmhd_uri_log_callback)(void *cls, const char *uri,
                                       struct MHD_Connection *connection);

/* Everything a daemon is started with; zero or NULL leaves an option unset. */
typedef struct cmhd_daemon_options {
  /* Listening address: a sockaddr_in, or a sockaddr_in6 when use_ipv6 is set. */
  const struct sockaddr *address;
  int use_ipv6;
  unsigned int thread_pool_size;
  unsigned int connection_limit;
  /* Idle timeout in whole seconds; 0 disables it. */
  unsigned int connection_timeout;
  size_t connection_memory_limit;
  /* 1 strict, 0 default, -1 lenient (MHD_OPTION_STRICT_FOR_CLIENT). */
  int strict_for_client;
  /* PEM text; both set turns TLS on. */
  const char *tls_key_pem;
  const char *tls_cert_pem;
  MHD_AccessHandlerCallback access_handler;
  void *access_handler_cls;
  MHD_RequestCompletedCallback completed;
  void *completed_cls;
  cmhd_uri_log_callback uri_log;
  void *uri_log_cls;
  MHD_LogCallback logger;
  void *logger_cls;
  MHD_NotifyConnectionCallback notify_connection;
  void *notify_connection_cls;
} cmhd_daemon_options;

/* Starts an epoll daemon on its internal thread (pool) that allows suspend
   and resume; returns NULL when MHD_start_daemon fails. */
static inline struct MHD_Daemon *cmhd_start_daemon(const cmhd_daemon_options *o) {
  struct MHD_OptionItem items[20];
  size_t n = 0;
  unsigned int flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL
                       | MHD_ALLOW_SUSPEND_RESUME | MHD_USE_ITC;

  if (o->logger != NULL) {
    /* The logger goes first so that start-up failures reach it. */
    flags |= MHD_USE_ERROR_LOG;
    items[n++] = (struct MHD_OptionItem){MHD_OPTION_EXTERNAL_LOGGER,
                                         (intptr_t)o->logger, o->logger_cls};
  }
  if (o->use_ipv6) {
    flags |= MHD_USE_IPv6;
  }
  if (o->tls_key_pem != NULL && o->tls_cert_pem != NULL) {
    flags |= MHD_USE_TLS;
    items[n++] = (struct MHD_OptionItem){MHD_OPTION_HTTPS_MEM_KEY, 0,
                                         (void *)o->tls_key_pem};
    items[n++] = (struct MHD_OptionItem){MHD_OPTION_HTTPS_MEM_CERT, 0,
                                         (void *)o->tls_cert_pem};
  }
  if (o->address != NULL) {
    items[n++] = (struct MHD_OptionItem){MHD_OPTION_SOCK_ADDR, 0,
                                         (void *)o->address};
  }
  if (o->thread_pool_size > 1) {
    items[n++] = (struct MHD_OptionItem){MHD_OPTION_THREAD_POOL_SIZE,
                                         (intptr_t)o->thread_pool_size, NULL};
  }
  if (o->connection_limit > 0) {
    items[n++] = (struct MHD_OptionItem){MHD_OPTION_CONNECTION_LIMIT,
                                         (intptr_t)o->connection_limit, NULL};
  }
  items[n++] = (struct MHD_OptionItem){MHD_OPTION_CONNECTION_TIMEOUT,
                                       (intptr_t)o->connection_timeout, NULL};
  if (o->connection_memory_limit > 0) {
    items[n++] = (struct MHD_OptionItem){MHD_OPTION_CONNECTION_MEMORY_LIMIT,
                                         (intptr_t)o->connection_memory_limit, NULL};
  }
  items[n++] = (struct MHD_OptionItem){MHD_OPTION_STRICT_FOR_CLIENT,
                                       (intptr_t)o->strict_for_client, NULL};
  if (o->completed != NULL) {
    items[n++] = (struct MHD_OptionItem){MHD_OPTION_NOTIFY_COMPLETED,
                                         (intptr_t)o->completed, o->completed_cls};
  }
  if (o->uri_log != NULL) {
    items[n++] = (struct MHD_OptionItem){MHD_OPTION_URI_LOG_CALLBACK,
                                         (intptr_t)o->uri_log, o->uri_log_cls};
  }
  if (o->notify_connection != NULL) {
    items[n++] = (struct MHD_OptionItem){MHD_OPTION_NOTIFY_CONNECTION,
                                         (intptr_t)o->notify_connection,
                                         o->notify_connection_cls};
  }
  items[n] = (struct MHD_OptionItem){MHD_OPTION_END, 0, NULL};

  /* Port 0 here: the port travels in the socket address. */
  return MHD_start_daemon(flags, 0, NULL, NULL, o->access_handler,
                          o->access_handler_cls, MHD_OPTION_ARRAY, items,
                          MHD_OPTION_END);
}

/* The port the daemon listens on, or 0 when MHD cannot tell. */
static inline uint16_t cmhd_bound_port(struct MHD_Daemon *daemon) {
  const union MHD_DaemonInfo *info =
      MHD_get_daemon_info(daemon, MHD_DAEMON_INFO_BIND_PORT);
  return info == NULL ? 0 : info->port;
}

/* The socket of a connection, or -1 when MHD cannot tell. MHD_get_connection_info is
   variadic, so Swift cannot call it. */
static inline int cmhd_connection_fd(struct MHD_Connection *connection) {
  const union MHD_ConnectionInfo *info =
      MHD_get_connection_info(connection, MHD_CONNECTION_INFO_CONNECTION_FD);
  return info == NULL ? -1 : info->connect_fd;
}

/* The pointer stored in socket_context by MHD_OPTION_NOTIFY_CONNECTION, or NULL. */
static inline void *cmhd_socket_context(struct MHD_Connection *connection) {
  const union MHD_ConnectionInfo *info =
      MHD_get_connection_info(connection, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
  return info == NULL ? NULL : info->socket_context;
}

/* Milliseconds since the kernel last received data on the TCP socket fd, or -1 when
   TCP_INFO fails. The kernel counts in scheduler ticks, so the value is a few ms coarse. */
static inline int64_t cmhd_ms_since_data_received(int fd) {
  struct tcp_info info;
  socklen_t length = sizeof info;
  if (getsockopt(fd, IPPROTO_TCP, TCP_INFO, &info, &length) != 0) {
    return -1;
  }
  return (int64_t)info.tcpi_last_data_recv;
}

/* A response that owns a copy of the body bytes. */
static inline struct MHD_Response *cmhd_create_copied_response(const void *bytes,
                                                               size_t count) {
  return MHD_create_response_from_buffer(count, (void *)bytes,
                                         MHD_RESPMEM_MUST_COPY);
}

#endif
