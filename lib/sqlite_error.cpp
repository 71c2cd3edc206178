#include "sqlite_error.hpp"

#include <sqlite3.h>

#include <retort/core/errors.hpp>

namespace retort::detail {

std::string_view sqlite_code_name(int code) noexcept {
    switch (code) {
// Every result code sqlite3.h defines (guarded: older SQLite lacks the newer ones).
#define RETORT_SQLITE_CODE(name) case name: return #name;
#ifdef SQLITE_ERROR
        RETORT_SQLITE_CODE(SQLITE_ERROR)
#endif
#ifdef SQLITE_INTERNAL
        RETORT_SQLITE_CODE(SQLITE_INTERNAL)
#endif
#ifdef SQLITE_PERM
        RETORT_SQLITE_CODE(SQLITE_PERM)
#endif
#ifdef SQLITE_ABORT
        RETORT_SQLITE_CODE(SQLITE_ABORT)
#endif
#ifdef SQLITE_BUSY
        RETORT_SQLITE_CODE(SQLITE_BUSY)
#endif
#ifdef SQLITE_LOCKED
        RETORT_SQLITE_CODE(SQLITE_LOCKED)
#endif
#ifdef SQLITE_NOMEM
        RETORT_SQLITE_CODE(SQLITE_NOMEM)
#endif
#ifdef SQLITE_READONLY
        RETORT_SQLITE_CODE(SQLITE_READONLY)
#endif
#ifdef SQLITE_INTERRUPT
        RETORT_SQLITE_CODE(SQLITE_INTERRUPT)
#endif
#ifdef SQLITE_IOERR
        RETORT_SQLITE_CODE(SQLITE_IOERR)
#endif
#ifdef SQLITE_CORRUPT
        RETORT_SQLITE_CODE(SQLITE_CORRUPT)
#endif
#ifdef SQLITE_NOTFOUND
        RETORT_SQLITE_CODE(SQLITE_NOTFOUND)
#endif
#ifdef SQLITE_FULL
        RETORT_SQLITE_CODE(SQLITE_FULL)
#endif
#ifdef SQLITE_CANTOPEN
        RETORT_SQLITE_CODE(SQLITE_CANTOPEN)
#endif
#ifdef SQLITE_PROTOCOL
        RETORT_SQLITE_CODE(SQLITE_PROTOCOL)
#endif
#ifdef SQLITE_EMPTY
        RETORT_SQLITE_CODE(SQLITE_EMPTY)
#endif
#ifdef SQLITE_SCHEMA
        RETORT_SQLITE_CODE(SQLITE_SCHEMA)
#endif
#ifdef SQLITE_TOOBIG
        RETORT_SQLITE_CODE(SQLITE_TOOBIG)
#endif
#ifdef SQLITE_CONSTRAINT
        RETORT_SQLITE_CODE(SQLITE_CONSTRAINT)
#endif
#ifdef SQLITE_MISMATCH
        RETORT_SQLITE_CODE(SQLITE_MISMATCH)
#endif
#ifdef SQLITE_MISUSE
        RETORT_SQLITE_CODE(SQLITE_MISUSE)
#endif
#ifdef SQLITE_NOLFS
        RETORT_SQLITE_CODE(SQLITE_NOLFS)
#endif
#ifdef SQLITE_AUTH
        RETORT_SQLITE_CODE(SQLITE_AUTH)
#endif
#ifdef SQLITE_FORMAT
        RETORT_SQLITE_CODE(SQLITE_FORMAT)
#endif
#ifdef SQLITE_RANGE
        RETORT_SQLITE_CODE(SQLITE_RANGE)
#endif
#ifdef SQLITE_NOTADB
        RETORT_SQLITE_CODE(SQLITE_NOTADB)
#endif
#ifdef SQLITE_NOTICE
        RETORT_SQLITE_CODE(SQLITE_NOTICE)
#endif
#ifdef SQLITE_WARNING
        RETORT_SQLITE_CODE(SQLITE_WARNING)
#endif
#ifdef SQLITE_ERROR_MISSING_COLLSEQ
        RETORT_SQLITE_CODE(SQLITE_ERROR_MISSING_COLLSEQ)
#endif
#ifdef SQLITE_ERROR_RETRY
        RETORT_SQLITE_CODE(SQLITE_ERROR_RETRY)
#endif
#ifdef SQLITE_ERROR_SNAPSHOT
        RETORT_SQLITE_CODE(SQLITE_ERROR_SNAPSHOT)
#endif
#ifdef SQLITE_IOERR_READ
        RETORT_SQLITE_CODE(SQLITE_IOERR_READ)
#endif
#ifdef SQLITE_IOERR_SHORT_READ
        RETORT_SQLITE_CODE(SQLITE_IOERR_SHORT_READ)
#endif
#ifdef SQLITE_IOERR_WRITE
        RETORT_SQLITE_CODE(SQLITE_IOERR_WRITE)
#endif
#ifdef SQLITE_IOERR_FSYNC
        RETORT_SQLITE_CODE(SQLITE_IOERR_FSYNC)
#endif
#ifdef SQLITE_IOERR_DIR_FSYNC
        RETORT_SQLITE_CODE(SQLITE_IOERR_DIR_FSYNC)
#endif
#ifdef SQLITE_IOERR_TRUNCATE
        RETORT_SQLITE_CODE(SQLITE_IOERR_TRUNCATE)
#endif
#ifdef SQLITE_IOERR_FSTAT
        RETORT_SQLITE_CODE(SQLITE_IOERR_FSTAT)
#endif
#ifdef SQLITE_IOERR_UNLOCK
        RETORT_SQLITE_CODE(SQLITE_IOERR_UNLOCK)
#endif
#ifdef SQLITE_IOERR_RDLOCK
        RETORT_SQLITE_CODE(SQLITE_IOERR_RDLOCK)
#endif
#ifdef SQLITE_IOERR_DELETE
        RETORT_SQLITE_CODE(SQLITE_IOERR_DELETE)
#endif
#ifdef SQLITE_IOERR_BLOCKED
        RETORT_SQLITE_CODE(SQLITE_IOERR_BLOCKED)
#endif
#ifdef SQLITE_IOERR_NOMEM
        RETORT_SQLITE_CODE(SQLITE_IOERR_NOMEM)
#endif
#ifdef SQLITE_IOERR_ACCESS
        RETORT_SQLITE_CODE(SQLITE_IOERR_ACCESS)
#endif
#ifdef SQLITE_IOERR_CHECKRESERVEDLOCK
        RETORT_SQLITE_CODE(SQLITE_IOERR_CHECKRESERVEDLOCK)
#endif
#ifdef SQLITE_IOERR_LOCK
        RETORT_SQLITE_CODE(SQLITE_IOERR_LOCK)
#endif
#ifdef SQLITE_IOERR_CLOSE
        RETORT_SQLITE_CODE(SQLITE_IOERR_CLOSE)
#endif
#ifdef SQLITE_IOERR_DIR_CLOSE
        RETORT_SQLITE_CODE(SQLITE_IOERR_DIR_CLOSE)
#endif
#ifdef SQLITE_IOERR_SHMOPEN
        RETORT_SQLITE_CODE(SQLITE_IOERR_SHMOPEN)
#endif
#ifdef SQLITE_IOERR_SHMSIZE
        RETORT_SQLITE_CODE(SQLITE_IOERR_SHMSIZE)
#endif
#ifdef SQLITE_IOERR_SHMLOCK
        RETORT_SQLITE_CODE(SQLITE_IOERR_SHMLOCK)
#endif
#ifdef SQLITE_IOERR_SHMMAP
        RETORT_SQLITE_CODE(SQLITE_IOERR_SHMMAP)
#endif
#ifdef SQLITE_IOERR_SEEK
        RETORT_SQLITE_CODE(SQLITE_IOERR_SEEK)
#endif
#ifdef SQLITE_IOERR_DELETE_NOENT
        RETORT_SQLITE_CODE(SQLITE_IOERR_DELETE_NOENT)
#endif
#ifdef SQLITE_IOERR_MMAP
        RETORT_SQLITE_CODE(SQLITE_IOERR_MMAP)
#endif
#ifdef SQLITE_IOERR_GETTEMPPATH
        RETORT_SQLITE_CODE(SQLITE_IOERR_GETTEMPPATH)
#endif
#ifdef SQLITE_IOERR_CONVPATH
        RETORT_SQLITE_CODE(SQLITE_IOERR_CONVPATH)
#endif
#ifdef SQLITE_IOERR_VNODE
        RETORT_SQLITE_CODE(SQLITE_IOERR_VNODE)
#endif
#ifdef SQLITE_IOERR_AUTH
        RETORT_SQLITE_CODE(SQLITE_IOERR_AUTH)
#endif
#ifdef SQLITE_IOERR_BEGIN_ATOMIC
        RETORT_SQLITE_CODE(SQLITE_IOERR_BEGIN_ATOMIC)
#endif
#ifdef SQLITE_IOERR_COMMIT_ATOMIC
        RETORT_SQLITE_CODE(SQLITE_IOERR_COMMIT_ATOMIC)
#endif
#ifdef SQLITE_IOERR_ROLLBACK_ATOMIC
        RETORT_SQLITE_CODE(SQLITE_IOERR_ROLLBACK_ATOMIC)
#endif
#ifdef SQLITE_IOERR_DATA
        RETORT_SQLITE_CODE(SQLITE_IOERR_DATA)
#endif
#ifdef SQLITE_IOERR_CORRUPTFS
        RETORT_SQLITE_CODE(SQLITE_IOERR_CORRUPTFS)
#endif
#ifdef SQLITE_LOCKED_SHAREDCACHE
        RETORT_SQLITE_CODE(SQLITE_LOCKED_SHAREDCACHE)
#endif
#ifdef SQLITE_LOCKED_VTAB
        RETORT_SQLITE_CODE(SQLITE_LOCKED_VTAB)
#endif
#ifdef SQLITE_BUSY_RECOVERY
        RETORT_SQLITE_CODE(SQLITE_BUSY_RECOVERY)
#endif
#ifdef SQLITE_BUSY_SNAPSHOT
        RETORT_SQLITE_CODE(SQLITE_BUSY_SNAPSHOT)
#endif
#ifdef SQLITE_BUSY_TIMEOUT
        RETORT_SQLITE_CODE(SQLITE_BUSY_TIMEOUT)
#endif
#ifdef SQLITE_CANTOPEN_NOTEMPDIR
        RETORT_SQLITE_CODE(SQLITE_CANTOPEN_NOTEMPDIR)
#endif
#ifdef SQLITE_CANTOPEN_ISDIR
        RETORT_SQLITE_CODE(SQLITE_CANTOPEN_ISDIR)
#endif
#ifdef SQLITE_CANTOPEN_FULLPATH
        RETORT_SQLITE_CODE(SQLITE_CANTOPEN_FULLPATH)
#endif
#ifdef SQLITE_CANTOPEN_CONVPATH
        RETORT_SQLITE_CODE(SQLITE_CANTOPEN_CONVPATH)
#endif
#ifdef SQLITE_CANTOPEN_DIRTYWAL
        RETORT_SQLITE_CODE(SQLITE_CANTOPEN_DIRTYWAL)
#endif
#ifdef SQLITE_CANTOPEN_SYMLINK
        RETORT_SQLITE_CODE(SQLITE_CANTOPEN_SYMLINK)
#endif
#ifdef SQLITE_CORRUPT_VTAB
        RETORT_SQLITE_CODE(SQLITE_CORRUPT_VTAB)
#endif
#ifdef SQLITE_CORRUPT_SEQUENCE
        RETORT_SQLITE_CODE(SQLITE_CORRUPT_SEQUENCE)
#endif
#ifdef SQLITE_CORRUPT_INDEX
        RETORT_SQLITE_CODE(SQLITE_CORRUPT_INDEX)
#endif
#ifdef SQLITE_READONLY_RECOVERY
        RETORT_SQLITE_CODE(SQLITE_READONLY_RECOVERY)
#endif
#ifdef SQLITE_READONLY_CANTLOCK
        RETORT_SQLITE_CODE(SQLITE_READONLY_CANTLOCK)
#endif
#ifdef SQLITE_READONLY_ROLLBACK
        RETORT_SQLITE_CODE(SQLITE_READONLY_ROLLBACK)
#endif
#ifdef SQLITE_READONLY_DBMOVED
        RETORT_SQLITE_CODE(SQLITE_READONLY_DBMOVED)
#endif
#ifdef SQLITE_READONLY_CANTINIT
        RETORT_SQLITE_CODE(SQLITE_READONLY_CANTINIT)
#endif
#ifdef SQLITE_READONLY_DIRECTORY
        RETORT_SQLITE_CODE(SQLITE_READONLY_DIRECTORY)
#endif
#ifdef SQLITE_ABORT_ROLLBACK
        RETORT_SQLITE_CODE(SQLITE_ABORT_ROLLBACK)
#endif
#ifdef SQLITE_CONSTRAINT_CHECK
        RETORT_SQLITE_CODE(SQLITE_CONSTRAINT_CHECK)
#endif
#ifdef SQLITE_CONSTRAINT_COMMITHOOK
        RETORT_SQLITE_CODE(SQLITE_CONSTRAINT_COMMITHOOK)
#endif
#ifdef SQLITE_CONSTRAINT_FOREIGNKEY
        RETORT_SQLITE_CODE(SQLITE_CONSTRAINT_FOREIGNKEY)
#endif
#ifdef SQLITE_CONSTRAINT_FUNCTION
        RETORT_SQLITE_CODE(SQLITE_CONSTRAINT_FUNCTION)
#endif
#ifdef SQLITE_CONSTRAINT_NOTNULL
        RETORT_SQLITE_CODE(SQLITE_CONSTRAINT_NOTNULL)
#endif
#ifdef SQLITE_CONSTRAINT_PRIMARYKEY
        RETORT_SQLITE_CODE(SQLITE_CONSTRAINT_PRIMARYKEY)
#endif
#ifdef SQLITE_CONSTRAINT_TRIGGER
        RETORT_SQLITE_CODE(SQLITE_CONSTRAINT_TRIGGER)
#endif
#ifdef SQLITE_CONSTRAINT_UNIQUE
        RETORT_SQLITE_CODE(SQLITE_CONSTRAINT_UNIQUE)
#endif
#ifdef SQLITE_CONSTRAINT_VTAB
        RETORT_SQLITE_CODE(SQLITE_CONSTRAINT_VTAB)
#endif
#ifdef SQLITE_CONSTRAINT_ROWID
        RETORT_SQLITE_CODE(SQLITE_CONSTRAINT_ROWID)
#endif
#ifdef SQLITE_CONSTRAINT_PINNED
        RETORT_SQLITE_CODE(SQLITE_CONSTRAINT_PINNED)
#endif
#ifdef SQLITE_CONSTRAINT_DATATYPE
        RETORT_SQLITE_CODE(SQLITE_CONSTRAINT_DATATYPE)
#endif
#ifdef SQLITE_NOTICE_RECOVER_WAL
        RETORT_SQLITE_CODE(SQLITE_NOTICE_RECOVER_WAL)
#endif
#ifdef SQLITE_NOTICE_RECOVER_ROLLBACK
        RETORT_SQLITE_CODE(SQLITE_NOTICE_RECOVER_ROLLBACK)
#endif
#ifdef SQLITE_WARNING_AUTOINDEX
        RETORT_SQLITE_CODE(SQLITE_WARNING_AUTOINDEX)
#endif
#ifdef SQLITE_AUTH_USER
        RETORT_SQLITE_CODE(SQLITE_AUTH_USER)
#endif
#undef RETORT_SQLITE_CODE
        default: return "SQLITE_UNKNOWN";
    }
}

[[noreturn]] void throw_sqlite_error(int code, std::string_view message, std::string_view sql) {
    std::string driver_message(message);
    driver_message += " (";
    driver_message += sqlite_code_name(code);
    driver_message += ')';
    std::string text(sql), code_text = std::to_string(code);
    switch (code) {
        case SQLITE_CONSTRAINT_UNIQUE:
        case SQLITE_CONSTRAINT_PRIMARYKEY:
        case SQLITE_CONSTRAINT_ROWID:
            throw unique_violation(std::move(driver_message), std::move(text), std::move(code_text));
        case SQLITE_CONSTRAINT_FOREIGNKEY:
            throw foreign_key_violation(std::move(driver_message), std::move(text), std::move(code_text));
        case SQLITE_CONSTRAINT_TRIGGER:  // ON DELETE/UPDATE RESTRICT reports through a trigger
            if (message.find("FOREIGN KEY constraint failed") != std::string_view::npos)
                throw foreign_key_violation(std::move(driver_message), std::move(text), std::move(code_text));
            break;
        case SQLITE_CONSTRAINT_NOTNULL:
            throw not_null_violation(std::move(driver_message), std::move(text), std::move(code_text));
        case SQLITE_CONSTRAINT_CHECK:
            // The CHECK retort adds for VARCHAR(N) (see schema/ddl.hpp) is what PostgreSQL
            // reports as string_data_right_truncation: a data_error on both.
            if (message.find("_varchar_length") != std::string_view::npos)
                throw data_error(std::move(driver_message), std::move(text), std::move(code_text));
            throw check_violation(std::move(driver_message), std::move(text), std::move(code_text));
#ifdef SQLITE_CONSTRAINT_DATATYPE
        case SQLITE_CONSTRAINT_DATATYPE:  // a STRICT table refused a value of the wrong type
            throw data_error(std::move(driver_message), std::move(text), std::move(code_text));
#endif
        default: break;
    }
    switch (code & 0xff) {
        case SQLITE_CONSTRAINT:
            throw integrity_error(std::move(driver_message), std::move(text), std::move(code_text));
        case SQLITE_BUSY:
        case SQLITE_LOCKED:
            throw database_locked(std::move(driver_message), std::move(text), std::move(code_text));
        case SQLITE_TOOBIG:
        case SQLITE_RANGE:
        case SQLITE_MISMATCH:
            throw data_error(std::move(driver_message), std::move(text), std::move(code_text));
        case SQLITE_ERROR:  // syntax errors, no such table/column
            // sum() past 64 bits: PostgreSQL's numeric_value_out_of_range, a data_error there.
            if (message == "integer overflow")
                throw data_error(std::move(driver_message), std::move(text), std::move(code_text));
            [[fallthrough]];
        case SQLITE_MISUSE:
            throw programming_error(std::move(driver_message), std::move(text), std::move(code_text));
        case SQLITE_CANTOPEN:
        case SQLITE_NOTADB:
            throw cannot_connect(std::move(driver_message), std::move(text), std::move(code_text));
        case SQLITE_INTERRUPT:
            throw query_canceled(std::move(driver_message), std::move(text), std::move(code_text));
        case SQLITE_INTERNAL:
            throw internal_error(std::move(driver_message), std::move(text), std::move(code_text));
        case SQLITE_IOERR:
        case SQLITE_CORRUPT:
        case SQLITE_FULL:
        case SQLITE_READONLY:
        case SQLITE_NOMEM:
        case SQLITE_PROTOCOL:
        case SQLITE_PERM:
        case SQLITE_ABORT:
        case SQLITE_AUTH:
        case SQLITE_NOLFS:
        case SQLITE_SCHEMA:
            throw operational_error(std::move(driver_message), std::move(text), std::move(code_text));
        default:
            throw database_error(std::move(driver_message), std::move(text), std::move(code_text));
    }
}

}  // namespace retort::detail
